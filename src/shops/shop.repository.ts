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

/** What a buyer needs to find and reach a shop: its address, kelurahan name and the owner's phone. */
export async function shopContactCard(db: Db, shopId: number) {
  return db
    .selectFrom('shops')
    .leftJoin('kelurahan', 'kelurahan.code', 'shops.kelurahan_code')
    .leftJoin('shop_contacts', (j) =>
      j.onRef('shop_contacts.shop_id', '=', 'shops.id').on('shop_contacts.role', '=', 'owner'),
    )
    .select([
      'shops.name',
      'shops.address',
      'shops.payment_instructions',
      'kelurahan.name as kelurahan',
      'shop_contacts.phone as phone',
    ])
    .where('shops.id', '=', shopId)
    .executeTakeFirst();
}

/** The shop's owner contact (one per shop). */
export async function findOwnerContact(db: Db, shopId: number) {
  return db
    .selectFrom('shop_contacts')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('role', '=', 'owner')
    .executeTakeFirst();
}
