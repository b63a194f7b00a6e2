import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import { runStatement, statement, type Statement } from '../db/statement.js';
import type { BuyerTable } from '../people/people.table.js';
import type { ProductTable, ShopContactTable, ShopTable } from '../shops/shop.table.js';
import type { OrderItemTable, OrderTable } from './order.table.js';

/**
 * The reads of a worker's reserve batch: one statement per table for the whole batch instead of one per
 * order, each a constant text with the ids as one JSON list (see runSql). They run inside the batch's
 * write transaction, so what they return cannot change before the commit: on SQLite nobody else writes
 * until then (BEGIN IMMEDIATE); on PostgreSQL the batch locks its orders (ORDERS, below) and the balance
 * rows of their shops and buyers (the ledger's lockBalances), and every writer of a shop's stock holds that
 * shop's balance row first.
 */
const byIds = (
  table: string,
  column: string,
  idType: 'text' | 'bigint',
  tail: { sqlite?: string; postgres?: string } = {},
) =>
  statement({
    sqlite: `select * from ${table} where ${column} in (select value from json_each(?))${tail.sqlite ?? ''}`,
    postgres: `select * from ${table} where ${column} = any(array(select ${idType === 'text' ? 'value' : 'value::bigint'} from json_array_elements_text($1::json)))${tail.postgres ?? ''}`,
  });

// On PostgreSQL the batch's orders are locked, in id order like every other writer of several orders
// (lockOrders): a job delivered to two workers at once then reserves its order once, the second finding it
// reserved already.
const ORDERS = byIds('orders', 'id', 'text', { postgres: ' order by id collate "C" for update' });
const ITEMS = byIds('order_items', 'order_id', 'text', {
  sqlite: ' order by order_id, line_no',
  postgres: ' order by order_id, line_no',
});
const SHOPS = byIds('shops', 'id', 'bigint');
const BUYERS = byIds('buyers', 'id', 'bigint');
const PRODUCTS = byIds('products', 'id', 'bigint');
const CONTACTS = byIds('shop_contacts', 'shop_id', 'bigint', { sqlite: ' order by id', postgres: ' order by id' });

async function rows<R>(db: Db, text: Statement, ids: readonly (string | number)[]): Promise<R[]> {
  if (ids.length === 0) return [];
  return (await runStatement<R>(db, text, [JSON.stringify(ids)])).rows;
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

const MARK_RESERVED = statement({
  sqlite: `update orders set status = 'reserved', period = ?, reserved_at = ?, updated_at = ?, remind_at = ?, expires_at = ?
    where id in (select value from json_each(?))`,
  postgres: `update orders set status = 'reserved', period = $1, reserved_at = $2, updated_at = $3, remind_at = $4, expires_at = $5
    where id = any(array(select value from json_array_elements_text($6::json)))`,
});

/** Marks the batch's reserved orders, which share the moment of their hold and so every timestamp. */
export async function markReserved(
  db: Db,
  ids: readonly string[],
  s: { period: string; at: string; remindAt: string; expiresAt: string },
): Promise<void> {
  if (ids.length === 0) return;
  await runStatement(db, MARK_RESERVED, [s.period, s.at, s.at, s.remindAt, s.expiresAt, JSON.stringify(ids)]);
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
