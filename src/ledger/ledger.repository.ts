import { sql } from 'kysely';
import { runSql, type Db } from '../db/database.js';
import { dialectOf } from '../db/dialect.js';
import { runStatement, statement } from '../db/statement.js';
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

const BALANCES_OF_TWO = statement({
  sqlite: 'select account, held, committed from ledger_balances where period = ? and account in (?, ?)',
  postgres: 'select account, held, committed from ledger_balances where period = $1 and account in ($2, $3)',
});
const BALANCES_OF_LIST = statement({
  sqlite:
    'select account, held, committed from ledger_balances where period = ? and account in (select value from json_each(?))',
  postgres:
    'select account, held, committed from ledger_balances where period = $1 and account = any(array(select value from json_array_elements_text($2::json)))',
});

/** Several accounts' balances in one month, read with one statement; an account without entries is absent. */
export async function readBalances(db: Db, period: string, accounts: readonly string[]): Promise<Map<string, Balance>> {
  // A single hold reads two accounts: a plain statement spares it the JSON round trip (see appendEntries).
  const r =
    accounts.length <= 2
      ? await runStatement<BalanceRow>(db, BALANCES_OF_TWO, [period, accounts[0] ?? '', accounts[1] ?? ''])
      : await runStatement<BalanceRow>(db, BALANCES_OF_LIST, [period, JSON.stringify(accounts)]);
  return toBalances(r.rows);
}

// PostgreSQL only. A row lock needs a row: the month's first hold on an account creates it empty (the
// triggers then add to it), in account order like the lock below, so that two such inserts queue, not cross.
const OPEN_BALANCES_PG = `insert into ledger_balances (account, period, held, committed)
  select value, $1, 0, 0 from json_array_elements_text($2::json) order by value collate "C"
  on conflict (account, period) do nothing`;
// ORDER BY is applied before FOR UPDATE: the rows are locked in account order, one order for every writer.
const LOCK_BALANCES_PG = `select account, held, committed from ledger_balances
  where period = $1 and account = any(array(select value from json_array_elements_text($2::json)))
  order by account collate "C" for update`;

/**
 * readBalances for a cap check that the caller's transaction then writes on. On SQLite the transaction
 * holds the one write lock from its BEGIN IMMEDIATE, so a plain read stays true until the commit. On
 * PostgreSQL (READ COMMITTED, many writers at once) the balance rows are locked, in account order so that
 * two batches with overlapping shops wait for each other instead of deadlocking; a hold elsewhere on the
 * same accounts then waits until this transaction ends and reads what it wrote.
 */
export async function lockBalances(db: Db, period: string, accounts: readonly string[]): Promise<Map<string, Balance>> {
  if (dialectOf(db as never) === 'sqlite') return readBalances(db, period, accounts);
  const list = JSON.stringify(accounts);
  await runSql(db, OPEN_BALANCES_PG, [period, list]);
  return toBalances((await runSql<BalanceRow>(db, LOCK_BALANCES_PG, [period, list])).rows);
}

// PostgreSQL only: the balance rows that closing these orders' holds will update, locked in account order.
const LOCK_BALANCES_OF_ORDERS_PG = `select b.account from ledger_balances b
  join (select distinct account, period from ledger_entries
    where order_id = any(array(select value from json_array_elements_text($1::json))) and kind = 'hold') h
    on h.account = b.account and h.period = b.period
  order by b.account collate "C", b.period collate "C" for update of b`;

/**
 * Before closing the holds of several orders in one transaction (a timer's group of expiries): on PostgreSQL
 * their balance rows are locked at once, in account order, as a hold batch takes them; closing one order
 * after another would take them in the orders' order instead, and could wait in a cycle with a batch.
 * Nothing to do on SQLite (one writer at a time).
 */
export async function lockBalancesOfOrders(db: Db, orderIds: readonly string[]): Promise<void> {
  if (orderIds.length === 0 || dialectOf(db as never) === 'sqlite') return;
  await runSql(db, LOCK_BALANCES_OF_ORDERS_PG, [JSON.stringify(orderIds)]);
}

const byAccount = (a: { account: string; period: string }, b: { account: string; period: string }) =>
  a.account < b.account ? -1 : a.account > b.account ? 1 : a.period < b.period ? -1 : a.period > b.period ? 1 : 0;

const toBalances = (rows: readonly BalanceRow[]) =>
  new Map(rows.map((b) => [b.account, { held: Number(b.held), committed: Number(b.committed) }]));

type BalanceRow = { account: string; held: number; committed: number };

const APPEND_TWO = statement({
  sqlite: `insert into ledger_entries (order_id, account, period, kind, amount, created_at) values (?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?)
    on conflict (order_id, account, kind) do nothing`,
  postgres: `insert into ledger_entries (order_id, account, period, kind, amount, created_at) values ($1, $2, $3, $4, $5, $6), ($7, $8, $9, $10, $11, $12)
    on conflict (order_id, account, kind) do nothing`,
});
const APPEND_LIST = statement({
  sqlite: `insert into ledger_entries (order_id, account, period, kind, amount, created_at)
    select value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5 from json_each(?) where true
    on conflict (order_id, account, kind) do nothing`,
  postgres: `insert into ledger_entries (order_id, account, period, kind, amount, created_at)
    select value ->> 0, value ->> 1, value ->> 2, value ->> 3, (value ->> 4)::bigint, value ->> 5 from json_array_elements($1::json)
    on conflict (order_id, account, kind) do nothing`,
});

/**
 * Appends entries; the database's triggers move the running balances with them (migration 0001). An
 * order's step that is already there is skipped (unique (order, account, kind)): that is what makes every
 * step idempotent. Returns how many entries were new. One statement for any number of entries (a batch
 * of holds), so it is written by hand; `where true` lets SQLite parse the upsert after a SELECT. On
 * PostgreSQL the entries go in account order: each one's trigger updates its balance row, which takes the
 * row's lock, so every writer takes them in the same order (see lockBalances) and none waits in a cycle.
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
  const rows = (dialectOf(db as never) === 'postgres' ? [...entries].sort(byAccount) : entries).map((e) => [
    e.orderId,
    e.account,
    e.period,
    e.kind,
    e.amount,
    e.at,
  ]);
  // One order's step (two entries, the common case) binds its values directly; a batch passes JSON.
  const r =
    rows.length === 2
      ? await runStatement(db, APPEND_TWO, rows.flat())
      : await runStatement(db, APPEND_LIST, [JSON.stringify(rows)]);
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
