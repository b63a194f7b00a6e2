import type { Db } from '../db/database.js';

/** The shop's stored QRIS payload, or null (also for a shop that does not exist). */
export async function findShopQris(
  db: Db,
  shopId: number,
): Promise<{ id: number; code: string; qris: string | null } | undefined> {
  return db.selectFrom('shops').select(['id', 'code', 'qris']).where('id', '=', shopId).executeTakeFirst();
}

export async function setShopQris(db: Db, shopId: number, qris: string | null, at: string): Promise<void> {
  await db.updateTable('shops').set({ qris, updated_at: at }).where('id', '=', shopId).execute();
}

/** The owner contact (id and phone) of a shop, if `phone` is it. */
export async function ownerContact(db: Db, shopId: number, phone: string) {
  return db
    .selectFrom('shop_contacts')
    .select(['id', 'phone'])
    .where('shop_id', '=', shopId)
    .where('phone', '=', phone)
    .where('role', '=', 'owner')
    .executeTakeFirst();
}

/** What a payable QR is made from: the order's code, total and status, and its shop's QRIS. */
export async function orderPayment(db: Db, orderId: string) {
  return db
    .selectFrom('orders')
    .innerJoin('shops', 'shops.id', 'orders.shop_id')
    .select([
      'orders.id',
      'orders.code',
      'orders.total',
      'orders.status',
      'orders.buyer_id',
      'orders.shop_id',
      'shops.qris',
      'shops.payment_instructions',
    ])
    .where('orders.id', '=', orderId)
    .executeTakeFirst();
}
