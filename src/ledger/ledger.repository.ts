import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { EntryKind } from './ledger.table.js';

export const shopAccount = (shopId: number): string => `shop:${shopId}`;
export const buyerAccount = (buyerId: number): string => `buyer:${buyerId}`;

export interface Balance {
  held: number;
  committed: number;
}

export async function readBalance(db: Db, account: string, period: string): Promise<Balance> {
  const row = await db
    .selectFrom('ledger_balances')
    .select(['held', 'committed'])
    .where('account', '=', account)
    .where('period', '=', period)
    .executeTakeFirst();
  return row ?? { held: 0, committed: 0 };
}

/**
 * Appends entries; the database's triggers move the running balances with them (migration 0001). An
 * order's step that is already there is skipped (unique (order, account, kind)): that is what makes every
 * step idempotent. Returns how many entries were new.
 */
export async function appendEntries(
  db: Db,
  entries: ReadonlyArray<{ orderId: string; account: string; period: string; kind: EntryKind; amount: number; at: string }>,
): Promise<number> {
  if (entries.length === 0) return 0;
  const r = await db
    .insertInto('ledger_entries')
    .values(entries.map((e) => ({ order_id: e.orderId, account: e.account, period: e.period, kind: e.kind, amount: e.amount, created_at: e.at })))
    .onConflict((oc) => oc.columns(['order_id', 'account', 'kind']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n);
}

export async function holdsOfOrder(db: Db, orderId: string) {
  return db
    .selectFrom('ledger_entries')
    .select(['account', 'period', 'amount'])
    .where('order_id', '=', orderId)
    .where('kind', '=', 'hold')
    .execute();
}

export async function entriesOfOrder(db: Db, orderId: string) {
  return db.selectFrom('ledger_entries').selectAll().where('order_id', '=', orderId).orderBy('id').execute();
}

/** Balances recomputed from the entries alone. */
export async function recomputedBalances(db: Db) {
  return db
    .selectFrom('ledger_entries')
    .select([
      'account',
      'period',
      sql<number>`sum(case kind when 'hold' then amount else -amount end)`.as('held'),
      sql<number>`sum(case kind when 'commit' then amount else 0 end)`.as('committed'),
    ])
    .groupBy(['account', 'period'])
    .execute();
}

export async function storedBalances(db: Db) {
  return db.selectFrom('ledger_balances').select(['account', 'period', 'held', 'committed']).execute();
}

/** Orders whose steps do not add up: a commit or release without a hold, both, or different amounts. */
export async function inconsistentOrders(db: Db) {
  return db
    .selectFrom('ledger_entries')
    .select([
      'order_id',
      'account',
      sql<number>`sum(case kind when 'hold' then 1 else 0 end)`.as('holds'),
      sql<number>`sum(case kind when 'hold' then 0 else 1 end)`.as('closes'),
      sql<number>`min(amount)`.as('min_amount'),
      sql<number>`max(amount)`.as('max_amount'),
    ])
    .groupBy(['order_id', 'account'])
    .having((eb) =>
      eb.or([
        eb(sql`sum(case kind when 'hold' then 1 else 0 end)`, '!=', 1),
        eb(sql`sum(case kind when 'hold' then 0 else 1 end)`, '>', 1),
        eb(sql`min(amount)`, '!=', sql`max(amount)`),
      ]),
    )
    .execute();
}
