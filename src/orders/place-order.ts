import type { Db } from '../db/database.js';
import { addToOutbox } from '../outbox/outbox.repository.js';
import { findBuyer } from '../people/buyer.repository.js';
import { jobIds, QUEUES } from '../queue/queue-names.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import { newId, newOrderCode } from '../shared/ids.js';
import { findShop, productsByIds } from '../shops/shop.repository.js';
import type { Order } from './order.service.js';
import type { PlaceOrder } from './place-order.input.js';

/**
 * Writes a validated order (status `submitted`, prices snapshotted) and its reserve job's outbox row in
 * the caller's transaction. Caps, stock and area are the worker's to check (reserveInTransaction).
 */
export async function placeInTransaction(trx: Db, p: PlaceOrder, now: Date): Promise<Order> {
  const at = now.toISOString();
  const buyer = await findBuyer(trx, p.buyerId);
  if (!buyer || !buyer.active) throw new NotFoundError('buyer', p.buyerId);
  const shop = await findShop(trx, p.shopId);
  if (!shop) throw new NotFoundError('shop', p.shopId);
  const ids = [...new Set(p.items.map((i) => i.productId))];
  if (ids.length !== p.items.length) throw new ValidationError('invalid order: the same product appears twice');
  const products = new Map((await productsByIds(trx, shop.id, ids)).map((x) => [x.id, x]));
  const lines = p.items.map((item, i) => {
    const product = products.get(item.productId);
    if (!product) throw new ValidationError(`invalid order: product ${item.productId} is not sold by this shop`);
    return { line_no: i + 1, product_id: product.id, name: product.name, unit: product.unit, price: product.price, quantity: item.quantity };
  });
  const total = lines.reduce((s, l) => s + l.price * l.quantity, 0);
  if (!Number.isSafeInteger(total) || total <= 0) throw new ValidationError('invalid order: the total is not a valid amount');
  const id = newId(now);
  const row = {
    id,
    code: newOrderCode(),
    buyer_id: buyer.id,
    shop_id: shop.id,
    status: 'submitted' as const,
    total,
    fulfilment: p.fulfilment,
    note: p.note,
    period: null,
    reason: null,
    paid_at: null,
    created_at: at,
    updated_at: at,
    reserved_at: null,
    accepted_at: null,
    delivered_at: null,
    closed_at: null,
    remind_at: null,
    expires_at: null,
  };
  await trx.insertInto('orders').values(row).execute();
  await trx.insertInto('order_items').values(lines.map((l) => ({ ...l, order_id: id }))).execute();
  await addToOutbox(trx, { queue: QUEUES.orders, jobName: 'reserve', jobId: jobIds.reserve(id), payload: { orderId: id } }, at);
  return row as Order;
}
