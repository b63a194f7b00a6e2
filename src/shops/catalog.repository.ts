import type { Updateable } from 'kysely';
import type { Db } from '../db/database.js';
import type { ProductTable } from './shop.table.js';

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

/** A product to add: what both inserts write (productValues). */
export interface NewProduct {
  shopId: number;
  name: string;
  nameKey: string;
  unit: string;
  price: number;
  stock: number | null;
  at: string;
}

export async function insertProduct(db: Db, p: NewProduct & { photoPath: string | null }): Promise<void> {
  await db
    .insertInto('products')
    .values({ ...productValues(p), active: 1, photo_path: p.photoPath })
    .execute();
}

/** Changes the shop's product with this catalog key; a photo only when given. */
export async function updateProductByKey(
  db: Db,
  shopId: number,
  nameKey: string,
  set: Pick<Updateable<ProductTable>, 'unit' | 'price' | 'stock' | 'active' | 'photo_path'>,
  at: string,
): Promise<void> {
  await db
    .updateTable('products')
    .set({ ...set, updated_at: at })
    .where('shop_id', '=', shopId)
    .where('name_key', '=', nameKey)
    .execute();
}

/** Adds a product unless the shop already has one by that catalog key (then the stored one stays). */
export async function insertProductIfAbsent(db: Db, p: NewProduct): Promise<void> {
  await db
    .insertInto('products')
    .values(productValues(p))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** The columns both product inserts write, from the same input shape. */
function productValues(p: NewProduct) {
  return {
    shop_id: p.shopId,
    name: p.name,
    name_key: p.nameKey,
    unit: p.unit,
    price: p.price,
    stock: p.stock,
    updated_at: p.at,
  };
}
