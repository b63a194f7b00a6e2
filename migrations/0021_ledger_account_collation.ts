import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../src/db/dialect.js';

// Issue 18. Ledger account keys are read by range: `account >= 'shop:' and account < 'shop;'` is every shop
// account (reports, the balances' pages), a range the primary key's index answers. That holds in byte order,
// SQLite's only order for text, but a PostgreSQL database made with a language's collation (en_US.UTF-8, the
// usual server default) ignores punctuation at first, so 'shop:12' sorts after 'shop;' and the shops vanish
// from the reports. The account columns compare bytewise on PostgreSQL too ("C"); nothing changes on SQLite.
export async function up(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  for (const table of ['ledger_entries', 'ledger_balances'])
    await sql`alter table ${sql.table(table)} alter column account type text collate "C"`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  for (const table of ['ledger_entries', 'ledger_balances'])
    await sql`alter table ${sql.table(table)} alter column account type text collate "default"`.execute(db);
}
