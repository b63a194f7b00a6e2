import type { Kysely } from 'kysely';

// Issue 13, the order's second half:
// - shops.qris: the shop's static QRIS as its text (the EMVCo payload printed on the sticker), confirmed by
//   its owner or set by an admin; every accepted order gets a dynamic QRIS for its exact total made from it.
//   Kept as text, not an image: the payload is what is checked (CRC, merchant tags) and what the dynamic
//   one is made from, and it is a few hundred bytes.
// - orders.delivery_address: where a delivery goes, asked at checkout (pickup has none). Before this the
//   free "note" carried it, if the buyer wrote one; old orders keep their note.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('shops').addColumn('qris', 'text').execute();
  await db.schema.alterTable('orders').addColumn('delivery_address', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('orders').dropColumn('delivery_address').execute();
  await db.schema.alterTable('shops').dropColumn('qris').execute();
}
