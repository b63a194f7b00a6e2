import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../src/db/dialect.js';

// Every hold and every reserved order writes one page per b-tree it touches, and the commit copies each
// of those pages to the WAL: the page count is most of what a hold costs (9.4 pages before, 5.9 after).
// This takes out the b-trees and the bookkeeping that no query needs.
//
// - ledger_entries loses AUTOINCREMENT, which wrote sqlite_sequence on every insert. Its only promise
//   beyond a plain integer key is never to reuse the id of a deleted row, and entries are never deleted
//   (a trigger forbids it), so the ids stay the same: one more than the largest.
// - ledger_entries_account (account, period) goes: balances are read from ledger_balances, the dashboard's
//   turnover reads ledger_entries_period_kind, and an order's entries are found by ledger_entries_step;
//   only `peken ledger verify` groups by (account, period), and it sorts in a temporary b-tree instead.
// - ledger_balances becomes WITHOUT ROWID: its rows were stored twice, in the table (by rowid) and in its
//   primary key index; now the primary key is the table. Every read goes by (account, period).
// - orders_period (period, status) goes: orders_period_status_parties (period, status, buyer_id, shop_id)
//   starts with the same columns and answers the same queries.
//
// The tables are rebuilt (SQLite cannot change these in place) with the same columns, constraints and
// rows; the triggers from 0001 go first and come back unchanged on the new tables.

const TRIGGERS = [
  'ledger_entries_hold',
  'ledger_entries_close',
  'ledger_entries_no_update',
  'ledger_entries_no_delete',
];

async function createTriggers(db: Kysely<unknown>): Promise<void> {
  await sql`create trigger ledger_entries_hold after insert on ledger_entries when new.kind = 'hold' begin
      insert into ledger_balances (account, period, held, committed) values (new.account, new.period, new.amount, 0)
        on conflict (account, period) do update set held = held + new.amount;
    end`.execute(db);
  await sql`create trigger ledger_entries_close after insert on ledger_entries when new.kind <> 'hold' begin
      update ledger_balances
        set held = held - new.amount, committed = committed + (case new.kind when 'commit' then new.amount else 0 end)
        where account = new.account and period = new.period;
    end`.execute(db);
  await sql`create trigger ledger_entries_no_update before update on ledger_entries begin
      select raise(abort, 'ledger entries are append-only');
    end`.execute(db);
  await sql`create trigger ledger_entries_no_delete before delete on ledger_entries begin
      select raise(abort, 'ledger entries are append-only');
    end`.execute(db);
}

async function rebuild(db: Kysely<unknown>, lean: boolean): Promise<void> {
  for (const t of TRIGGERS) await sql.raw(`drop trigger ${t}`).execute(db);

  await sql
    .raw(
      `create table ledger_entries_next (
      id integer primary key${lean ? '' : ' autoincrement'},
      order_id text not null references orders (id),
      account text not null,
      period text not null,
      kind text not null check (kind in ('hold','commit','release')),
      amount integer not null check (amount > 0),
      created_at text not null,
      constraint ledger_entries_step unique (order_id, account, kind)
    )`,
    )
    .execute(db);
  await sql`insert into ledger_entries_next (id, order_id, account, period, kind, amount, created_at)
      select id, order_id, account, period, kind, amount, created_at from ledger_entries order by id`.execute(db);
  await sql`drop table ledger_entries`.execute(db);
  await sql`alter table ledger_entries_next rename to ledger_entries`.execute(db);
  await db.schema
    .createIndex('ledger_entries_period_kind')
    .on('ledger_entries')
    .columns(['period', 'kind', 'account', 'amount'])
    .execute();
  if (!lean)
    await db.schema.createIndex('ledger_entries_account').on('ledger_entries').columns(['account', 'period']).execute();

  await sql
    .raw(
      `create table ledger_balances_next (
      account text not null,
      period text not null,
      held integer not null default 0 check (held >= 0),
      committed integer not null default 0 check (committed >= 0),
      constraint ledger_balances_pk primary key (account, period)
    )${lean ? ' without rowid' : ''}`,
    )
    .execute(db);
  await sql`insert into ledger_balances_next (account, period, held, committed) select account, period, held, committed from ledger_balances`.execute(
    db,
  );
  await sql`drop table ledger_balances`.execute(db);
  await sql`alter table ledger_balances_next rename to ledger_balances`.execute(db);

  await createTriggers(db);
}

// On PostgreSQL none of the SQLite page bookkeeping applies (identity columns, heap tables): only the index
// change is made (ledger_entries_period_kind exists since 0004), so that both answer the same queries alike.
async function indexesOnly(db: Kysely<unknown>, lean: boolean): Promise<void> {
  if (lean) await db.schema.dropIndex('ledger_entries_account').execute();
  else
    await db.schema.createIndex('ledger_entries_account').on('ledger_entries').columns(['account', 'period']).execute();
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) === 'postgres') await indexesOnly(db, true);
  else await rebuild(db, true);
  await db.schema.dropIndex('orders_period').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('orders_period').on('orders').columns(['period', 'status']).execute();
  if (dialectOf(db) === 'postgres') return indexesOnly(db, false);
  await rebuild(db, false);
  // AUTOINCREMENT continues from the largest id, as it would have.
  await sql`insert into sqlite_sequence (name, seq) select 'ledger_entries', max(id) from ledger_entries where exists (select 1 from ledger_entries)`.execute(
    db,
  );
}
