import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { dialectOf } from '../db/dialect.js';
import type { OrderStatus } from '../orders/order.table.js';

/**
 * The simulation's own reads of the city's database: the city it built, the agents' shortcuts (the direct
 * driver skips the chat) and the figures of the closing report. Executor first, as every repository.
 */

/** Every buyer with the minimum of their position, by id (the run's ASN). */
export async function simBuyers(db: Db) {
  return db
    .selectFrom('buyers')
    .innerJoin('quota_rules', 'quota_rules.position_class', 'buyers.position_class')
    .select([
      'buyers.id',
      'buyers.phone',
      'buyers.domicile_kelurahan',
      'buyers.office_kelurahan',
      'quota_rules.min_monthly',
    ])
    .orderBy('buyers.id')
    .execute();
}

/** Every shop with its contacts' phones (owner first: by contact id), comma-separated, by id. */
export async function simShops(db: Db) {
  return db
    .selectFrom('shops')
    .select([
      'id',
      'name',
      'kelurahan_code',
      'status',
      'is_open',
      (dialectOf(db as never) === 'postgres'
        ? sql<string>`(select string_agg(phone, ',' order by c.id) from shop_contacts c where c.shop_id = shops.id)`
        : sql<string>`(select group_concat(phone, ',') from (select phone from shop_contacts c where c.shop_id = shops.id order by c.id))`
      ).as('phones'),
    ])
    .orderBy('id')
    .execute();
}

/** Each of these shops' cap override and held + committed in `period` (0 without entries). */
export async function shopsMonthUse(db: Db, period: string, shopIds: readonly number[]) {
  return db
    .selectFrom('shops')
    .leftJoin('ledger_balances', (j) =>
      j.on('ledger_balances.account', '=', sql`'shop:' || shops.id`).on('ledger_balances.period', '=', period),
    )
    .select([
      'shops.id',
      'shops.cap_override',
      sql<number>`coalesce(ledger_balances.held, 0) + coalesce(ledger_balances.committed, 0)`.as('used'),
    ])
    .where('shops.id', 'in', shopIds)
    .execute();
}

/** A shop's orderable products (active, stock untracked or left), by id: the direct driver's picks index them. */
export async function orderableProductsById(db: Db, shopId: number) {
  return db
    .selectFrom('products')
    .select(['id', 'price', 'stock'])
    .where('shop_id', '=', shopId)
    .where('active', '=', 1)
    .where((eb) => eb.or([eb('stock', 'is', null), eb('stock', '>', 0)]))
    .orderBy('id')
    .execute();
}

/** Whether any order is in one of `statuses`, leaving out those on the admins' review list when asked. */
export async function anyOrderIn(
  db: Db,
  statuses: readonly OrderStatus[],
  opts: { notInReview: boolean } = { notInReview: false },
): Promise<boolean> {
  let q = db.selectFrom('orders').select('id').where('status', 'in', statuses);
  if (opts.notInReview) q = q.where('review_reason', 'is', null);
  return (await q.limit(1).executeTakeFirst()) !== undefined;
}

/** Orders that expired because the shop never delivered. */
export async function countExpiredNotDelivered(db: Db): Promise<number> {
  const row = await db
    .selectFrom('orders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'expired')
    .where('reason', '=', 'not_delivered')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Accepted or delivered orders waiting on the admins' review list. */
export async function countInReview(db: Db): Promise<number> {
  const row = await db
    .selectFrom('orders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', 'in', ['accepted', 'delivered'])
    .where('review_reason', 'is not', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Open orders not on the review list, with their shop's hours (the deadline watch's sample). */
export async function openOrdersWithHours(db: Db) {
  return db
    .selectFrom('orders')
    .innerJoin('shops', 'shops.id', 'orders.shop_id')
    .select(['orders.id', 'orders.status', 'orders.reserved_at', 'orders.accepted_at', 'orders.delivered_at'])
    .select(['shops.opens_at', 'shops.closes_at', 'shops.closed_from', 'shops.closed_until'])
    .where('orders.status', 'in', ['reserved', 'accepted', 'delivered'])
    .where('orders.review_reason', 'is', null)
    .execute();
}

// The closing report's figures.

export type KeyCount = { k: string | null; n: number | bigint };

export async function ordersByStatus(db: Db): Promise<KeyCount[]> {
  return db
    .selectFrom('orders')
    .select(['status as k', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
}

export async function refusedByReason(db: Db): Promise<KeyCount[]> {
  return db
    .selectFrom('orders')
    .select(['reason as k', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'refused')
    .groupBy('reason')
    .execute();
}

export async function notificationsByStatus(db: Db): Promise<KeyCount[]> {
  return db
    .selectFrom('notifications')
    .select(['status as k', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
}

export async function countNotificationsOf(db: Db, template: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('template', '=', template)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Sum of the commit entries on shop accounts, every month. */
export async function shopsCommittedTotal(db: Db): Promise<number> {
  const row = await db
    .selectFrom('ledger_entries')
    .select(sql<number>`coalesce(sum(amount), 0)`.as('t'))
    .where('kind', '=', 'commit')
    .where('account', 'like', 'shop:%')
    .executeTakeFirstOrThrow();
  return Number(row.t);
}

/** Active buyers with their position's minimum and what they committed in `period`. */
export async function activeBuyersCommitted(db: Db, period: string) {
  return db
    .selectFrom('buyers')
    .innerJoin('quota_rules', 'quota_rules.position_class', 'buyers.position_class')
    .leftJoin('ledger_balances', (j) =>
      j.on('ledger_balances.account', '=', sql`'buyer:' || buyers.id`).on('ledger_balances.period', '=', period),
    )
    .select([
      'buyers.id',
      'quota_rules.min_monthly',
      sql<number>`coalesce(ledger_balances.committed, 0)`.as('committed'),
    ])
    .where('buyers.active', '=', 1)
    .execute();
}

/**
 * Active open shops with their revenue (committed, every month), their best month and their completed
 * orders.
 */
export async function activeShopsRevenue(db: Db) {
  return db
    .selectFrom('shops')
    .select(['id', 'cap_override', 'kelurahan_code'])
    .select((eb) =>
      eb
        .selectFrom('ledger_balances')
        .select(sql<number>`coalesce(sum(committed), 0)`.as('c'))
        .where('ledger_balances.account', '=', sql<string>`'shop:' || shops.id`)
        .as('revenue'),
    )
    .select((eb) =>
      eb
        .selectFrom('ledger_balances')
        .select(sql<number>`coalesce(max(committed), 0)`.as('m'))
        .where('ledger_balances.account', '=', sql<string>`'shop:' || shops.id`)
        .as('monthMax'),
    )
    .select((eb) =>
      eb
        .selectFrom('orders')
        .select((o) => o.fn.countAll<number>().as('n'))
        .whereRef('orders.shop_id', '=', 'shops.id')
        .where('orders.status', '=', 'completed')
        .as('completed'),
    )
    .where('status', '=', 'active')
    .where('is_open', '=', 1)
    .execute();
}

/** Completed orders, and those from a shop in the buyer's own kelurahan (domicile, or office). */
export async function completedSameKelurahan(db: Db): Promise<{ all: number; same: number }> {
  const row = await db
    .selectFrom('orders')
    .innerJoin('shops', 'shops.id', 'orders.shop_id')
    .innerJoin('buyers', 'buyers.id', 'orders.buyer_id')
    .select([
      (eb) => eb.fn.countAll<number>().as('all'),
      sql<number>`coalesce(sum(case when shops.kelurahan_code = coalesce(buyers.domicile_kelurahan, buyers.office_kelurahan) then 1 else 0 end), 0)`.as(
        'same',
      ),
    ])
    .where('orders.status', '=', 'completed')
    .executeTakeFirstOrThrow();
  return { all: Number(row.all), same: Number(row.same) };
}

// The invariants.

/** Held + committed of every shop account and month, with the shop's cap override. */
export async function shopMonthsUsed(db: Db) {
  return db
    .selectFrom('ledger_balances')
    .innerJoin('shops', (j) => j.on(sql`ledger_balances.account`, '=', sql`'shop:' || shops.id`))
    .select([
      'shops.id as shopId',
      'ledger_balances.period',
      sql<number>`held + committed`.as('used'),
      'shops.cap_override',
    ])
    .execute();
}

/** Orders with more than one final step (commit or release) on one account. */
export async function ordersFinishedTwice(db: Db) {
  return db
    .selectFrom('ledger_entries')
    .select('order_id')
    .groupBy(['order_id', 'account'])
    .having(
      sql`sum(case kind when 'commit' then 1 else 0 end) + sum(case kind when 'release' then 1 else 0 end)`,
      '>',
      1,
    )
    .execute();
}

export async function countOrdersNotIn(db: Db, statuses: readonly OrderStatus[]): Promise<number> {
  const row = await db
    .selectFrom('orders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', 'not in', statuses)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
