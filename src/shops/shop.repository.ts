import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/database.js';
import type { ContactRole, Shop, ShopContact, ShopStatus, ShopTable } from './shop.table.js';

export async function findShop(db: Db, id: number): Promise<Shop | undefined> {
  return db.selectFrom('shops').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findShopByCode(db: Db, code: string): Promise<Shop | undefined> {
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
export async function findOwnerContact(db: Db, shopId: number): Promise<ShopContact | undefined> {
  return db
    .selectFrom('shop_contacts')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('role', '=', 'owner')
    .executeTakeFirst();
}

/** A new shop's columns; status, openness and hours take their defaults unless given. */
export type NewShop = Pick<
  Insertable<ShopTable>,
  | 'code'
  | 'name'
  | 'kind'
  | 'kelurahan_code'
  | 'address'
  | 'payment_instructions'
  | 'qris'
  | 'status'
  | 'created_at'
  | 'updated_at'
>;
/** The columns an import or registration may change on an existing shop. */
export type ShopDetails = Pick<
  Updateable<ShopTable>,
  'name' | 'kind' | 'kelurahan_code' | 'address' | 'payment_instructions' | 'qris'
>;

export async function shopIdByCode(db: Db, code: string): Promise<number | undefined> {
  return (await db.selectFrom('shops').select('id').where('code', '=', code).executeTakeFirst())?.id;
}

export async function insertShop(db: Db, shop: NewShop): Promise<number> {
  return (await db.insertInto('shops').values(shop).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateShopDetails(db: Db, shopId: number, details: ShopDetails, at: string): Promise<void> {
  await db
    .updateTable('shops')
    .set({ ...details, updated_at: at })
    .where('id', '=', shopId)
    .execute();
}

export async function setShopStatus(db: Db, shopId: number, status: ShopStatus, at: string): Promise<void> {
  await db.updateTable('shops').set({ status, updated_at: at }).where('id', '=', shopId).execute();
}

export async function setShopCapOverride(db: Db, shopId: number, cap: number | null, at: string): Promise<void> {
  await db.updateTable('shops').set({ cap_override: cap, updated_at: at }).where('id', '=', shopId).execute();
}

export async function setPaymentInstructions(db: Db, shopId: number, text: string, at: string): Promise<void> {
  await db.updateTable('shops').set({ payment_instructions: text, updated_at: at }).where('id', '=', shopId).execute();
}

/** Whether the database has any shop at all (a fresh machine has none). */
export async function hasAnyShop(db: Db): Promise<boolean> {
  return (await db.selectFrom('shops').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** The id of the shop's contact with this phone, if it has one. */
export async function contactIdByPhone(db: Db, shopId: number, phone: string): Promise<number | undefined> {
  return (
    await db
      .selectFrom('shop_contacts')
      .select('id')
      .where('shop_id', '=', shopId)
      .where('phone', '=', phone)
      .executeTakeFirst()
  )?.id;
}

/** The shop's owner contact's id, if it has one. */
export async function ownerContactId(db: Db, shopId: number): Promise<number | undefined> {
  return (
    await db
      .selectFrom('shop_contacts')
      .select('id')
      .where('shop_id', '=', shopId)
      .where('role', '=', 'owner')
      .executeTakeFirst()
  )?.id;
}

/** One contact, only if it belongs to this shop. */
export async function findShopContact(db: Db, shopId: number, contactId: number): Promise<ShopContact | undefined> {
  return db
    .selectFrom('shop_contacts')
    .selectAll()
    .where('id', '=', contactId)
    .where('shop_id', '=', shopId)
    .executeTakeFirst();
}

export async function insertShopContact(
  db: Db,
  c: { shopId: number; phone: string; name: string; role: ContactRole },
): Promise<ShopContact> {
  return db
    .insertInto('shop_contacts')
    .values({ shop_id: c.shopId, phone: c.phone, name: c.name, role: c.role })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateShopContact(db: Db, contactId: number, c: { phone: string; name: string }): Promise<void> {
  await db.updateTable('shop_contacts').set({ phone: c.phone, name: c.name }).where('id', '=', contactId).execute();
}

export async function deleteShopContact(db: Db, contactId: number): Promise<void> {
  await db.deleteFrom('shop_contacts').where('id', '=', contactId).execute();
}
