import { sql } from 'kysely';
import { runSql, type Db } from '../db/database.js';
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

/** Several accounts' balances in one month, read with one statement; an account without entries is absent. */
export async function readBalances(db: Db, period: string, accounts: readonly string[]): Promise<Map<string, Balance>> {
  // A single hold reads two accounts: a plain statement spares it the JSON round trip (see appendEntries).
  const r =
    accounts.length <= 2
      ? await runSql<BalanceRow>(
          db,
          'select account, held, committed from ledger_balances where period = ? and account in (?, ?)',
          [period, accounts[0] ?? '', accounts[1] ?? ''],
        )
      : await runSql<BalanceRow>(
          db,
          'select account, held, committed from ledger_balances where period = ? and account in (select value from json_each(?))',
          [period, JSON.stringify(accounts)],
        );
  return new Map(r.rows.map((b) => [b.account, { held: b.held, committed: b.committed }]));
}

type BalanceRow = { account: string; held: number; committed: number };

/**
 * Appends entries; the database's triggers move the running balances with them (migration 0001). An
 * order's step that is already there is skipped (unique (order, account, kind)): that is what makes every
 * step idempotent. Returns how many entries were new. One statement for any number of entries (a batch
 * of holds), so it is written by hand; `where true` lets SQLite parse the upsert after a SELECT.
 */
export async function appendEntries(
  db: Db,
  entries: ReadonlyArray<{
    orderId: string;
    account: string;
    period: string;
    kind: EntryKind;
    amount: number;
    at: string;
  }>,
): Promise<number> {
  if (entries.length === 0) return 0;
  const rows = entries.map((e) => [e.orderId, e.account, e.period, e.kind, e.amount, e.at]);
  // One order's step (two entries, the common case) binds its values directly; a batch passes JSON.
  const r =
    rows.length === 2
      ? await runSql(
          db,
          `insert into ledger_entries (order_id, account, period, kind, amount, created_at) values (?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?)
             on conflict (order_id, account, kind) do nothing`,
          rows.flat(),
        )
      : await runSql(
          db,
          `insert into ledger_entries (order_id, account, period, kind, amount, created_at)
             select value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5 from json_each(?) where true
             on conflict (order_id, account, kind) do nothing`,
          [JSON.stringify(rows)],
        );
  return Number(r.numAffectedRows ?? 0n);
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
/** How many entries the ledger holds (for `peken ledger verify`). */
export async function countEntries(db: Db): Promise<number> {
  const r = await db
    .selectFrom('ledger_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

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

/** What each order still holds against its shop's cap (hold minus release and commit), from the entries alone. */
export async function shopHeldByOrder(db: Db, orderIds: readonly string[]): Promise<Map<string, number>> {
  if (orderIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('ledger_entries')
    .select(['order_id', sql<number>`sum(case kind when 'hold' then amount else -amount end)`.as('held')])
    .where('order_id', 'in', orderIds)
    .where('account', 'like', 'shop:%')
    .groupBy('order_id')
    .execute();
  return new Map(rows.map((r) => [r.order_id, Number(r.held)]));
}
