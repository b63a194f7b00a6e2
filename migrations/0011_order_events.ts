import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../src/db/dialect.js';

// Issue 13, paid and received from both sides:
// - order_events: who said what about an order, when and on which channel, written in the same
//   transaction as the change it records (the order service's transition helper), so the log can never
//   disagree with the order. Append-only like the ledger: a dispute is judged on it.
// - orders.buyer_paid_at / payment_method / payment_receipt: the buyer's "sudah bayar" (how they paid, as
//   they stated it, and the path of a photo of the transfer receipt under the media folder).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('order_events')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull().check(sql`actor_kind in ('buyer','shop','admin','system')`))
    /** The person's phone (buyer, shop contact) or the admin's name; null for the system. */
    .addColumn('actor', 'text')
    .addColumn('channel', 'text')
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('order_events_order').on('order_events').columns(['order_id', 'id']).execute();
  if (dialectOf(db) === 'postgres') {
    // peken_append_only() comes from 0001 (it raises its argument).
    await sql`create trigger order_events_append_only before update or delete on order_events
      for each row execute function peken_append_only('order_events is append-only')`.execute(db);
    await sql`create trigger order_events_no_truncate before truncate on order_events
      for each statement execute function peken_append_only('order_events is append-only')`.execute(db);
  } else {
    await sql`create trigger order_events_no_update before update on order_events begin select raise(abort, 'order_events is append-only'); end`.execute(
      db,
    );
    await sql`create trigger order_events_no_delete before delete on order_events begin select raise(abort, 'order_events is append-only'); end`.execute(
      db,
    );
  }

  await db.schema.alterTable('orders').addColumn('buyer_paid_at', 'text').execute();
  await db.schema
    .alterTable('orders')
    .addColumn('payment_method', 'text', (c) =>
      c.check(sql`payment_method is null or payment_method in ('qris','transfer','cash')`),
    )
    .execute();
  await db.schema.alterTable('orders').addColumn('payment_receipt', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['payment_receipt', 'payment_method', 'buyer_paid_at'])
    await db.schema.alterTable('orders').dropColumn(column).execute();
  await db.schema.dropTable('order_events').execute();
}
