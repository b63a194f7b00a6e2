import { runSql, type Db } from '../db/database.js';
import { dialectOf } from '../db/dialect.js';
import { runStatement, statement } from '../db/statement.js';
import type { OrderItemTable, OrderStatus, OrderTable } from './order.table.js';
import type { Insertable, Selectable, Updateable } from 'kysely';

export type NewOrderItem = Insertable<OrderItemTable>;

const INSERT_ORDERS = statement({
  sqlite: `insert into orders (id, code, buyer_id, shop_id, status, total, fulfilment, note, created_at, updated_at, delivery_address)
    select value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8, value ->> 9, value ->> 10
    from json_each(?)`,
  postgres: `insert into orders (id, code, buyer_id, shop_id, status, total, fulfilment, note, created_at, updated_at, delivery_address)
    select value ->> 0, value ->> 1, (value ->> 2)::bigint, (value ->> 3)::bigint, value ->> 4, (value ->> 5)::bigint, value ->> 6, value ->> 7, value ->> 8, value ->> 9, value ->> 10
    from json_array_elements($1::json)`,
});
const INSERT_ITEMS = statement({
  sqlite: `insert into order_items (order_id, line_no, product_id, name, unit, price, quantity)
    select value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6 from json_each(?)`,
  postgres: `insert into order_items (order_id, line_no, product_id, name, unit, price, quantity)
    select value ->> 0, (value ->> 1)::bigint, (value ->> 2)::bigint, value ->> 3, value ->> 4, (value ->> 5)::bigint, (value ->> 6)::bigint
    from json_array_elements($1::json)`,
});
const TAKEN_CODES = statement({
  sqlite: 'select code from orders where code in (select value from json_each(?))',
  postgres: 'select code from orders where code = any(array(select value from json_array_elements_text($1::json)))',
});

/**
 * New orders and their lines, one statement per table for any number of orders (placing is batched, see
 * place-order.ts); the columns left out start empty.
 */
export async function insertOrders(
  db: Db,
  orders: readonly Selectable<OrderTable>[],
  items: readonly NewOrderItem[],
): Promise<void> {
  if (orders.length === 0) return;
  const o = orders.map((r) => [
    r.id,
    r.code,
    r.buyer_id,
    r.shop_id,
    r.status,
    r.total,
    r.fulfilment,
    r.note,
    r.created_at,
    r.updated_at,
    r.delivery_address,
  ]);
  await runStatement(db, INSERT_ORDERS, [JSON.stringify(o)]);
  const i = items.map((r) => [r.order_id, r.line_no, r.product_id, r.name, r.unit, r.price, r.quantity]);
  await runStatement(db, INSERT_ITEMS, [JSON.stringify(i)]);
}

/** Which of these order codes are taken already. */
export async function takenCodes(db: Db, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const r = await runStatement<{ code: string }>(db, TAKEN_CODES, [JSON.stringify(codes)]);
  return new Set(r.rows.map((row) => row.code));
}

/** Remembers under which request key each order was placed (a redelivered request then finds its order). */
export async function insertOrderRequests(
  db: Db,
  requests: readonly { requestKey: string; orderId: string; createdAt: string }[],
): Promise<void> {
  if (requests.length === 0) return;
  await db
    .insertInto('order_requests')
    .values(requests.map((r) => ({ request_key: r.requestKey, order_id: r.orderId, created_at: r.createdAt })))
    .execute();
}

/** The orders placed under these request keys, by key. */
export async function ordersOfRequests(db: Db, keys: readonly string[]): Promise<Map<string, Selectable<OrderTable>>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .selectFrom('order_requests')
    .innerJoin('orders', 'orders.id', 'order_requests.order_id')
    .selectAll('orders')
    .select('order_requests.request_key')
    .where('order_requests.request_key', 'in', keys)
    .execute();
  return new Map(rows.map(({ request_key, ...order }) => [request_key, order]));
}

export async function findOrder(db: Db, id: string) {
  return db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * findOrder for a transaction that decides on the order's state and then writes it (a transition). On
 * PostgreSQL the row is locked until the commit, so that two processes answering the same order (accept
 * and cancel, a repeated timer) take turns, the second seeing the first's outcome; on SQLite the write
 * transaction (BEGIN IMMEDIATE) already keeps every other writer out.
 */
export async function findOrderForUpdate(db: Db, id: string) {
  return db
    .selectFrom('orders')
    .selectAll()
    .where('id', '=', id)
    .$if(dialectOf(db as never) === 'postgres', (q) => q.forUpdate())
    .executeTakeFirst();
}

const LOCK_ORDERS_PG = `select id from orders where id = any(array(select value from json_array_elements_text($1::json)))
  order by id collate "C" for update`;

/**
 * Locks several orders on PostgreSQL (nothing to do on SQLite, see findOrderForUpdate), in id order: every
 * transaction that writes several orders takes them so (the reserve batch too), and two such never wait
 * on each other in a cycle. Then findOrder reads them as they stay until the commit.
 */
export async function lockOrders(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0 || dialectOf(db as never) === 'sqlite') return;
  await runSql(db, LOCK_ORDERS_PG, [JSON.stringify(ids)]);
}

export async function findOrderByCode(db: Db, code: string) {
  return db.selectFrom('orders').selectAll().where('code', '=', code.toUpperCase()).executeTakeFirst();
}

export async function orderItems(db: Db, orderId: string) {
  return db.selectFrom('order_items').selectAll().where('order_id', '=', orderId).orderBy('line_no').execute();
}

export async function updateOrder(db: Db, id: string, set: Updateable<OrderTable>): Promise<void> {
  await db.updateTable('orders').set(set).where('id', '=', id).execute();
}

export async function ordersOfBuyer(db: Db, buyerId: number, limit: number) {
  return db
    .selectFrom('orders')
    .selectAll()
    .where('buyer_id', '=', buyerId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

export async function ordersOfShop(db: Db, shopId: number, statuses: readonly OrderStatus[], limit: number) {
  return db
    .selectFrom('orders')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('status', 'in', statuses)
    .orderBy('created_at', 'asc')
    .limit(limit)
    .execute();
}

/** Orders still waiting for the worker after `before`: the sweeper re-dispatches them. */
export async function staleSubmitted(db: Db, before: string, limit: number) {
  return db
    .selectFrom('orders')
    .select('id')
    .where('status', '=', 'submitted')
    .where('created_at', '<', before)
    .limit(limit)
    .execute();
}

export async function overdueReserved(db: Db, field: 'remind_at' | 'expires_at', now: string, limit: number) {
  return db
    .selectFrom('orders')
    .select('id')
    .where('status', '=', 'reserved')
    .where(field, '<=', now)
    .limit(limit)
    .execute();
}

/** Open orders of one state whose step (a deadline column) is due: the sweeper applies them. */
export async function overdueSteps(
  db: Db,
  status: OrderStatus,
  column: 'remind_at' | 'ask_at' | 'expires_at',
  now: string,
  limit: number,
) {
  return db
    .selectFrom('orders')
    .select('id')
    .where('status', '=', status)
    .where(column, '<=', now)
    .limit(limit)
    .execute();
}

/** The admins' review list ("perlu ditinjau"): open orders with a review reason, oldest flag first. */
export async function ordersForReview(db: Db, limit: number) {
  return db
    .selectFrom('orders')
    .innerJoin('shops', 'shops.id', 'orders.shop_id')
    .innerJoin('buyers', 'buyers.id', 'orders.buyer_id')
    .selectAll('orders')
    .select(['shops.name as shop_name', 'buyers.name as buyer_name'])
    .where('orders.review_reason', 'is not', null)
    .where('orders.status', 'in', ['accepted', 'delivered'])
    .orderBy('orders.review_at')
    .limit(limit)
    .execute();
}

/** Orders of a month still open (not completed, nor closed otherwise), with their shop: the 1st-of-month list. */
export async function openOrdersOfPeriod(db: Db, period: string, limit: number) {
  return db
    .selectFrom('orders')
    .innerJoin('shops', 'shops.id', 'orders.shop_id')
    .innerJoin('buyers', 'buyers.id', 'orders.buyer_id')
    .select([
      'orders.id',
      'orders.code',
      'orders.status',
      'orders.total',
      'orders.period',
      'orders.reserved_at',
      'orders.accepted_at',
      'orders.delivered_at',
      'orders.expires_at',
      'orders.review_reason',
      'shops.name as shop_name',
      'buyers.name as buyer_name',
    ])
    .where('orders.period', '=', period)
    .where('orders.status', 'in', ['reserved', 'accepted', 'delivered'])
    .orderBy('orders.reserved_at')
    .limit(limit)
    .execute();
}

/** Stock taken by a hold goes back when the hold is released. */
export async function restock(trx: Db, orderId: string): Promise<void> {
  for (const item of await orderItems(trx, orderId)) {
    await trx
      .updateTable('products')
      .set((eb) => ({ stock: eb('stock', '+', item.quantity) }))
      .where('id', '=', item.product_id)
      .where('stock', 'is not', null)
      .execute();
  }
}

/** Where the buyer's latest delivery went, to offer it again at checkout. */
export async function lastDeliveryAddress(db: Db, buyerId: number): Promise<string | null> {
  const row = await db
    .selectFrom('orders')
    .select('delivery_address')
    .where('buyer_id', '=', buyerId)
    .where('delivery_address', 'is not', null)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.delivery_address ?? null;
}
