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
 * Appends one entry and moves the running balance with it. Returns false (and changes nothing) when the
 * order already has this step on this account: that is what makes every step idempotent.
 */
export async function appendEntry(
  db: Db,
  e: { orderId: string; account: string; period: string; kind: EntryKind; amount: number; at: string },
): Promise<boolean> {
  const inserted = await db
    .insertInto('ledger_entries')
    .values({ order_id: e.orderId, account: e.account, period: e.period, kind: e.kind, amount: e.amount, created_at: e.at })
    .onConflict((oc) => oc.columns(['order_id', 'account', 'kind']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return false;
  if (e.kind === 'hold') {
    await db
      .insertInto('ledger_balances')
      .values({ account: e.account, period: e.period, held: e.amount, committed: 0 })
      .onConflict((oc) => oc.columns(['account', 'period']).doUpdateSet({ held: sql`held + ${e.amount}` }))
      .execute();
  } else {
    // The hold created the row; a commit or release moves the amount out of `held`.
    const committed = e.kind === 'commit' ? e.amount : 0;
    await db
      .updateTable('ledger_balances')
      .set({ held: sql`held - ${e.amount}`, committed: sql`committed + ${committed}` })
      .where('account', '=', e.account)
      .where('period', '=', e.period)
      .execute();
  }
  return true;
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
