import { sql, type Kysely } from 'kysely';

// Every hold and every reserved order writes one page per b-tree it touches, and the commit copies each
// of those pages to the WAL: the page count is most of what a hold costs. This takes out the b-trees that
// no query needs.
//
// - ledger_balances becomes WITHOUT ROWID: its rows were stored twice, in the table (by rowid) and in its
//   primary key index; now the primary key is the table. Every read goes by (account, period).
// - ledger_entries_account (account, period) goes: balances are read from ledger_balances, the dashboard's
//   turnover reads ledger_entries_period_kind, and an order's entries are found by ledger_entries_step;
//   only `peken ledger verify` groups by (account, period), and it sorts in a temporary b-tree instead.
// - orders_period (period, status) goes: orders_period_status_parties (period, status, buyer_id, shop_id)
//   starts with the same columns and answers the same queries.

async function createTriggers(db: Kysely<unknown>): Promise<void> {
  // Unchanged from 0001: the balances follow the entries in the statement that appends the entry.
  await sql`create trigger ledger_entries_hold after insert on ledger_entries when new.kind = 'hold' begin
      insert into ledger_balances (account, period, held, committed) values (new.account, new.period, new.amount, 0)
        on conflict (account, period) do update set held = held + new.amount;
    end`.execute(db);
  await sql`create trigger ledger_entries_close after insert on ledger_entries when new.kind <> 'hold' begin
      update ledger_balances
        set held = held - new.amount, committed = committed + (case new.kind when 'commit' then new.amount else 0 end)
        where account = new.account and period = new.period;
    end`.execute(db);
}

async function rebuildBalances(db: Kysely<unknown>, withoutRowid: boolean): Promise<void> {
  // The triggers name the table; they go first and come back once the new table has the old name.
  await sql`drop trigger ledger_entries_hold`.execute(db);
  await sql`drop trigger ledger_entries_close`.execute(db);
  await sql.raw(`create table ledger_balances_next (
      account text not null,
      period text not null,
      held integer not null default 0 check (held >= 0),
      committed integer not null default 0 check (committed >= 0),
      constraint ledger_balances_pk primary key (account, period)
    )${withoutRowid ? ' without rowid' : ''}`).execute(db);
  await sql`insert into ledger_balances_next (account, period, held, committed) select account, period, held, committed from ledger_balances`.execute(db);
  await sql`drop table ledger_balances`.execute(db);
  await sql`alter table ledger_balances_next rename to ledger_balances`.execute(db);
  await createTriggers(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await rebuildBalances(db, true);
  await db.schema.dropIndex('ledger_entries_account').execute();
  await db.schema.dropIndex('orders_period').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('orders_period').on('orders').columns(['period', 'status']).execute();
  await db.schema.createIndex('ledger_entries_account').on('ledger_entries').columns(['account', 'period']).execute();
  await rebuildBalances(db, false);
}
