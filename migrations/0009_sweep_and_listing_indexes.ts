import type { Kysely } from 'kysely';

// Two queries that walked whole tables once a month of orders had piled up (found in the full-size
// simulation):
// - the sweeper's "notices still queued after the grace" scanned every notification (8 ms a pass at
//   150,000 notices); it now reads only the queued ones, by (status, created_at);
// - the fair listing's "orders this shop let expire lately" read every expired order's row for its
//   closed_at (1.4 ms a listing); closed_at joins the (shop_id, status) index, which it replaces (every
//   query that used the old index can use the new one: same leading columns).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('notifications_status_created')
    .on('notifications')
    .columns(['status', 'created_at'])
    .execute();
  await db.schema
    .createIndex('orders_shop_status_closed')
    .on('orders')
    .columns(['shop_id', 'status', 'closed_at'])
    .execute();
  await db.schema.dropIndex('orders_shop_status').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('orders_shop_status').on('orders').columns(['shop_id', 'status']).execute();
  await db.schema.dropIndex('orders_shop_status_closed').execute();
  await db.schema.dropIndex('notifications_status_created').execute();
}
