import type { Selectable } from 'kysely';
import { runSql, type Db } from '../db/database.js';
import type { BuyerTable } from '../people/people.table.js';
import type { ProductTable, ShopContactTable, ShopTable } from '../shops/shop.table.js';
import type { OrderItemTable, OrderTable } from './order.table.js';

/**
 * The reads of a worker's reserve batch: one statement per table for the whole batch instead of one per
 * order, each a constant text with the ids as one JSON list (see runSql). They run inside the batch's
 * write transaction, so what they return cannot change before the commit.
 */
const byIds = (table: string, column: string, order = '') =>
  `select * from ${table} where ${column} in (select value from json_each(?))${order}`;

const ORDERS = byIds('orders', 'id');
const ITEMS = byIds('order_items', 'order_id', ' order by order_id, line_no');
const SHOPS = byIds('shops', 'id');
const BUYERS = byIds('buyers', 'id');
const PRODUCTS = byIds('products', 'id');
const CONTACTS = byIds('shop_contacts', 'shop_id', ' order by id');

async function rows<R>(db: Db, text: string, ids: readonly (string | number)[]): Promise<R[]> {
  if (ids.length === 0) return [];
  return (await runSql<R>(db, text, [JSON.stringify(ids)])).rows;
}

export const ordersByIds = (db: Db, ids: readonly string[]) => rows<Selectable<OrderTable>>(db, ORDERS, ids);
/** Lines of the given orders, by order then line number. */
export const itemsOfOrders = (db: Db, ids: readonly string[]) => rows<Selectable<OrderItemTable>>(db, ITEMS, ids);
export const shopsByIds = (db: Db, ids: readonly number[]) => rows<Selectable<ShopTable>>(db, SHOPS, ids);
export const buyersByIds = (db: Db, ids: readonly number[]) => rows<Selectable<BuyerTable>>(db, BUYERS, ids);
/** Products by id, of any shop: the caller checks that each belongs to the order's shop. */
export const productsWithIds = (db: Db, ids: readonly number[]) => rows<Selectable<ProductTable>>(db, PRODUCTS, ids);
/** Contacts of the given shops, in the order they were added (the owner first). */
export const contactsOfShops = (db: Db, ids: readonly number[]) =>
  rows<Selectable<ShopContactTable>>(db, CONTACTS, ids);

/** Marks the batch's reserved orders, which share the moment of their hold and so every timestamp. */
export async function markReserved(
  db: Db,
  ids: readonly string[],
  s: { period: string; at: string; remindAt: string; expiresAt: string },
): Promise<void> {
  if (ids.length === 0) return;
  await runSql(
    db,
    `update orders set status = 'reserved', period = ?, reserved_at = ?, updated_at = ?, remind_at = ?, expires_at = ?
       where id in (select value from json_each(?))`,
    [s.period, s.at, s.at, s.remindAt, s.expiresAt, JSON.stringify(ids)],
  );
}

/** Takes what the batch's reserved orders ordered out of each product's stock (product id → quantity). */
export async function takeStock(db: Db, taken: ReadonlyMap<number, number>): Promise<void> {
  for (const [productId, quantity] of taken) {
    await db
      .updateTable('products')
      .set((eb) => ({ stock: eb('stock', '-', quantity) }))
      .where('id', '=', productId)
      .execute();
  }
}
