import { sql, type Kysely } from 'kysely';

// Admin access and the indexes behind the dashboard's queries (measured with bench/dashboard.ts on a year
// of synthetic data: 600,000+ orders).
export async function up(db: Kysely<unknown>): Promise<void> {
  // Bearer tokens for the API and the dashboard sign-in. Only the sha256 of a token is kept: a copy of the
  // database does not let anyone in.
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin','viewer')`))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('last_used_at', 'text')
    .execute();

  // Turnover is the sum of commit entries on shop accounts for a month: a covering index turns that into
  // a range scan of one month's commits instead of a walk over every entry of the year.
  await db.schema
    .createIndex('ledger_entries_period_kind')
    .on('ledger_entries')
    .columns(['period', 'kind', 'account', 'amount'])
    .execute();
  // "ASN who shopped" and "shops helped" count distinct buyers and shops among a month's completed orders;
  // the order search lists a month newest first. Both read only the index. Measured on 624,000 orders:
  // overview 174 → 15 ms, month search 63 → 0.4 ms. A (shop_id, created_at) index bought nothing (0.6 ms
  // without it) and would cost every order insert, so there is none.
  await db.schema
    .createIndex('orders_period_status_parties')
    .on('orders')
    .columns(['period', 'status', 'buyer_id', 'shop_id'])
    .execute();
  await db.schema.createIndex('orders_period_created').on('orders').columns(['period', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const i of ['orders_period_created', 'orders_period_status_parties', 'ledger_entries_period_kind']) {
    await db.schema.dropIndex(i).execute();
  }
  await db.schema.dropTable('api_tokens').execute();
}
