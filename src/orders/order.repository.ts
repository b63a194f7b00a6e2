import type { Db } from '../db/database.js';
import type { OrderStatus, OrderTable } from './order.table.js';
import type { Updateable } from 'kysely';

export async function findOrder(db: Db, id: string) {
  return db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
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
  return db.selectFrom('orders').selectAll().where('buyer_id', '=', buyerId).orderBy('created_at', 'desc').limit(limit).execute();
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
  return db.selectFrom('orders').select('id').where('status', '=', 'submitted').where('created_at', '<', before).limit(limit).execute();
}

export async function overdueReserved(db: Db, field: 'remind_at' | 'expires_at', now: string, limit: number) {
  return db.selectFrom('orders').select('id').where('status', '=', 'reserved').where(field, '<=', now).limit(limit).execute();
}
