import type { Db } from '../db/database.js';

export async function findShop(db: Db, id: number) {
  return db.selectFrom('shops').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findShopByCode(db: Db, code: string) {
  return db.selectFrom('shops').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function shopContacts(db: Db, shopId: number) {
  return db.selectFrom('shop_contacts').selectAll().where('shop_id', '=', shopId).orderBy('id').execute();
}

export async function productsByIds(db: Db, shopId: number, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('products').selectAll().where('shop_id', '=', shopId).where('id', 'in', ids).execute();
}
