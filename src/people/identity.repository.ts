import type { Db } from '../db/database.js';

/** Every shop the phone is a contact of, with the shop's name. */
export async function contactsOfPhone(db: Db, phone: string) {
  return db
    .selectFrom('shop_contacts')
    .innerJoin('shops', 'shops.id', 'shop_contacts.shop_id')
    .select([
      'shop_contacts.shop_id',
      'shop_contacts.name as contact_name',
      'shop_contacts.role',
      'shops.name as shop_name',
    ])
    .where('shop_contacts.phone', '=', phone)
    .orderBy('shop_contacts.shop_id')
    .execute();
}

export async function activeBuyerByPhone(db: Db, phone: string) {
  return db
    .selectFrom('buyers')
    .select(['id', 'name'])
    .where('phone', '=', phone)
    .where('active', '=', 1)
    .executeTakeFirst();
}
