import type { Db } from '../db/database.js';
import { jobIds, ORDER_QUEUE } from './orders.jobs.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import { newId, newOrderCode } from '../shared/ids.js';
import { addManyToOutbox } from '../outbox/outbox.repository.js';
import type { Order } from './order.service.js';
import type { PlaceOrder } from './place-order.input.js';
import {
  insertOrderRequests,
  insertOrders,
  ordersOfRequests,
  takenCodes,
  type NewOrderItem,
} from './order.repository.js';
import { buyersByIds, productsWithIds, shopsByIds } from './reserve.repository.js';

/**
 * Writes validated orders (status `submitted`, prices snapshotted) and their reserve jobs' outbox rows in
 * the caller's transaction, for a batch of orders placed at the same moment: the buyers, shops and
 * products of the whole batch are read with one statement each and the rows written with one statement
 * per table. An order that names an unknown party or product gets its error and writes nothing; a
 * database error throws (the caller then redoes the orders one by one). Caps, stock and area are the
 * worker's to check (reserve-order.ts).
 */
export async function placeBatch(
  trx: Db,
  batch: readonly PlaceOrder[],
  now: Date,
  newCode: () => string = newOrderCode,
): Promise<(Order | Error)[]> {
  const at = now.toISOString();
  const codes = await freshCodes(trx, batch.length, newCode);
  const [buyers, shops, products] = await Promise.all([
    buyersByIds(trx, [...new Set(batch.map((p) => p.buyerId))]),
    shopsByIds(trx, [...new Set(batch.map((p) => p.shopId))]),
    productsWithIds(trx, [...new Set(batch.flatMap((p) => p.items.map((i) => i.productId)))]),
  ]);
  // Requests placed before (a redelivered message) get their first order back and write nothing.
  const placedBefore = await ordersOfRequests(
    trx,
    batch.flatMap((p) => (p.requestKey ? [p.requestKey] : [])),
  );
  const buyerById = new Map(buyers.map((b) => [b.id, b]));
  const shopById = new Map(shops.map((s) => [s.id, s]));
  const productById = new Map(products.map((p) => [p.id, p]));
  const orders: Order[] = [];
  const items: NewOrderItem[] = [];
  const requests: { requestKey: string; orderId: string; createdAt: string }[] = [];
  const results = batch.map((p): Order | Error => {
    const before = p.requestKey ? placedBefore.get(p.requestKey) : undefined;
    // Only the same buyer's: a key another buyer used (a platform that reuses ids) must not hand them
    // someone else's order; theirs is refused rather than placed under a key that is taken.
    if (before)
      return before.buyer_id === p.buyerId
        ? before
        : new ValidationError('invalid order: this request was already used');
    try {
      const buyer = buyerById.get(p.buyerId);
      if (!buyer || !buyer.active) throw new NotFoundError('buyer', p.buyerId);
      const shop = shopById.get(p.shopId);
      if (!shop) throw new NotFoundError('shop', p.shopId);
      if (new Set(p.items.map((i) => i.productId)).size !== p.items.length)
        throw new ValidationError('invalid order: the same product appears twice');
      const id = newId(now);
      const lines = p.items.map((item, i) => {
        const product = productById.get(item.productId);
        if (!product || product.shop_id !== shop.id)
          throw new ValidationError(`invalid order: product ${item.productId} is not sold by this shop`);
        return {
          order_id: id,
          line_no: i + 1,
          product_id: product.id,
          name: product.name,
          unit: product.unit,
          price: product.price,
          quantity: item.quantity,
        };
      });
      const total = lines.reduce((s, l) => s + l.price * l.quantity, 0);
      if (!Number.isSafeInteger(total) || total <= 0)
        throw new ValidationError('invalid order: the total is not a valid amount');
      const order: Order = {
        id,
        code: codes.pop()!,
        buyer_id: buyer.id,
        shop_id: shop.id,
        status: 'submitted',
        total,
        fulfilment: p.fulfilment,
        note: p.note,
        delivery_address: p.deliveryAddress ?? null,
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
        buyer_paid_at: null,
        payment_method: null,
        payment_receipt: null,
        ask_at: null,
        review_reason: null,
        review_at: null,
      };
      orders.push(order);
      items.push(...lines);
      if (p.requestKey) {
        requests.push({ requestKey: p.requestKey, orderId: id, createdAt: at });
        placedBefore.set(p.requestKey, order); // the same key twice in one batch: one order
      }
      return order;
    } catch (error) {
      if (error instanceof NotFoundError || error instanceof ValidationError) return error;
      throw error;
    }
  });
  await insertOrders(trx, orders, items);
  await insertOrderRequests(trx, requests);
  await addManyToOutbox(
    trx,
    orders.map((o) => ({
      queue: ORDER_QUEUE,
      jobName: 'reserve',
      jobId: jobIds.reserve(o.id),
      payload: { orderId: o.id },
    })),
    at,
  );
  return results;
}

/**
 * `n` order codes that no order has and that differ from each other. Random codes collide now and then (a
 * month of the city makes tens of thousands, from 887 million), and a collision must not fail the buyer's
 * order: taken ones are drawn again. Checked in the caller's write transaction, so no one takes them
 * meanwhile.
 */
async function freshCodes(trx: Db, n: number, newCode: () => string): Promise<string[]> {
  const codes = new Set<string>();
  for (let round = 0; codes.size < n; round++) {
    if (round === 100) throw new Error('no free order code after 100 rounds of draws');
    const drawn = new Set<string>();
    for (let i = codes.size; i < n; i++) drawn.add(newCode());
    const taken = await takenCodes(trx, [...drawn]);
    // A code drawn twice (in this round, or one already kept) counts once; the next round draws the rest.
    for (const c of drawn) if (!taken.has(c)) codes.add(c);
  }
  return [...codes];
}
