import type { Db } from '../db/database.js';

export async function productsByKeys(db: Db, shopId: number, keys: readonly string[]) {
  if (keys.length === 0) return [];
  return db.selectFrom('products').selectAll().where('shop_id', '=', shopId).where('name_key', 'in', keys).execute();
}

/** What a buyer can order: active, and either untracked stock or some left. */
export async function availableProducts(db: Db, shopId: number) {
  return db
    .selectFrom('products')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('active', '=', 1)
    .where((eb) => eb.or([eb('stock', 'is', null), eb('stock', '>', 0)]))
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function isShopOwner(db: Db, shopId: number, phone: string): Promise<boolean> {
  const row = await db
    .selectFrom('shop_contacts')
    .select('id')
    .where('shop_id', '=', shopId)
    .where('phone', '=', phone)
    .where('role', '=', 'owner')
    .executeTakeFirst();
  return row !== undefined;
}

export async function availableProduct(db: Db, productId: number) {
  return db
    .selectFrom('products')
    .selectAll()
    .where('id', '=', productId)
    .where('active', '=', 1)
    .where((eb) => eb.or([eb('stock', 'is', null), eb('stock', '>', 0)]))
    .executeTakeFirst();
}
