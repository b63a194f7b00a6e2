import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The chat message that placed an order, by its platform id ("telegram:8812"). A process that dies after
  // placing the order but before recording the message as handled gets the same message again from the
  // platform; the key makes that second delivery find the first order instead of placing another.
  await db.schema
    .createTable('order_requests')
    .addColumn('request_key', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // Every notice looks up the recipient's most recent chat (linked_at desc, then channel); an index in that
  // order makes it one index read instead of a sort per notice. It replaces the (phone, linked_at) one.
  await sql`create index chat_links_phone_recent on chat_links (phone, linked_at desc, channel)`.execute(db);
  await db.schema.dropIndex('chat_links_phone').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('chat_links_phone').on('chat_links').columns(['phone', 'linked_at']).execute();
  await sql`drop index if exists chat_links_phone_recent`.execute(db);
  await db.schema.dropTable('order_requests').execute();
}
