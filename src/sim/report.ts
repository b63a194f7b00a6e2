import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { SettingsService } from '../settings/settings.service.js';
import { gini } from '../shared/gini.js';
import { checkInvariants, type InvariantReport } from './invariants.js';

export interface Figures {
  orders: number;
  ordersByState: Record<string, number>;
  refusedByReason: Record<string, number>;
  /** Sum of the commit entries on shop accounts, in rupiah. */
  turnover: number;
  /** ASN whose committed spending this period is at or above their position's minimum. */
  asnAtQuota: number;
  asnAtQuotaShare: number;
  activeShops: number;
  shopsWithCompletedOrder: number;
  shopsHelpedShare: number;
  topShop: { shopId: number; revenue: number; cap: number; share: number } | null;
  shopsAtCap: number;
  giniShopRevenue: number;
  /** Completed orders from a shop in the buyer's own kelurahan (home: domicile, or office), as a share. */
  sameKelurahanShare: number;
  remindersSent: number;
  notifications: Record<string, number>;
  invariants: InvariantReport;
}

const count = (rows: { k: string | null; n: number | bigint }[]) =>
  Object.fromEntries(rows.map((r) => [r.k ?? 'none', Number(r.n)]));

/** Everything the closing report says about the city's month, read from the database after the run. */
export async function collectFigures(db: Db, settings: SettingsService, period: string): Promise<Figures> {
  const byState = await db
    .selectFrom('orders')
    .select(['status as k', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const refused = await db
    .selectFrom('orders')
    .select(['reason as k', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'refused')
    .groupBy('reason')
    .execute();
  const notes = await db
    .selectFrom('notifications')
    .select(['status as k', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const reminders = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('template', '=', 'order.reminder')
    .executeTakeFirstOrThrow();
  const turnover = await db
    .selectFrom('ledger_entries')
    .select(sql<number>`coalesce(sum(amount), 0)`.as('t'))
    .where('kind', '=', 'commit')
    .where('account', 'like', 'shop:%')
    .executeTakeFirstOrThrow();

  const buyers = await db
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
  const atQuota = buyers.filter((b) => Number(b.committed) >= b.min_monthly).length;

  const defaultCap = await settings.get('shop_monthly_cap');
  const shops = await db
    .selectFrom('shops')
    .select(['id', 'cap_override'])
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
  const near = await db
    .selectFrom('orders')
    .innerJoin('shops', 'shops.id', 'orders.shop_id')
    .innerJoin('buyers', 'buyers.id', 'orders.buyer_id')
    .select([
      (eb) => eb.fn.countAll<number>().as('all'),
      sql<number>`coalesce(sum(shops.kelurahan_code = coalesce(buyers.domicile_kelurahan, buyers.office_kelurahan)), 0)`.as(
        'same',
      ),
    ])
    .where('orders.status', '=', 'completed')
    .executeTakeFirstOrThrow();
  const revenues = shops.map((s) => Number(s.revenue ?? 0));
  const top = shops.reduce<(typeof shops)[number] | null>(
    (best, s) => (!best || Number(s.monthMax ?? 0) > Number(best.monthMax ?? 0) ? s : best),
    null,
  );
  const helped = shops.filter((s) => Number(s.completed ?? 0) > 0).length;
  const capOf = (s: { cap_override: number | null }) => s.cap_override ?? defaultCap;
  const orders = byState.reduce((s, r) => s + Number(r.n), 0);
  return {
    orders,
    ordersByState: count(byState),
    refusedByReason: count(refused),
    turnover: Number(turnover.t),
    asnAtQuota: atQuota,
    asnAtQuotaShare: round(buyers.length ? atQuota / buyers.length : 0),
    activeShops: shops.length,
    shopsWithCompletedOrder: helped,
    shopsHelpedShare: round(shops.length ? helped / shops.length : 0),
    topShop: top
      ? {
          shopId: top.id,
          revenue: Number(top.monthMax ?? 0),
          cap: capOf(top),
          share: round(Number(top.monthMax ?? 0) / capOf(top)),
        }
      : null,
    shopsAtCap: shops.filter((s) => Number(s.monthMax ?? 0) >= capOf(s) * 0.99).length,
    giniShopRevenue: round(gini(revenues)),
    sameKelurahanShare: round(Number(near.all) ? Number(near.same) / Number(near.all) : 0),
    remindersSent: Number(reminders.n),
    notifications: count(notes),
    invariants: await checkInvariants(db, settings, { allowOpen: true }),
  };
}

export const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;
