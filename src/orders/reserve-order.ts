import type { Db } from '../db/database.js';
import { inArea } from '../areas/area-policy.js';
import { ledger, OrderRefusedError } from '../ledger/index.js';
import { addToOutbox } from '../outbox/outbox.repository.js';
import { findBuyer } from '../people/buyer.repository.js';
import { jobIds, QUEUES } from '../queue/queue-names.js';
import type { SettingsService } from '../settings/settings.service.js';
import type { Clock } from '../shared/clock.js';
import { NotFoundError } from '../shared/errors.js';
import { periodOf } from '../shared/period.js';
import { findShop, productsByIds } from '../shops/shop.repository.js';
import { noticeBuyer, noticeShop, summary } from './order-notices.js';
import { findOrder, orderItems, updateOrder } from './order.repository.js';
import type { Order, ReserveOutcome } from './order.service.js';

/**
 * The worker's step for one order, inside the caller's write transaction: check the shop, the area and
 * the stock, place the ledger hold (which checks the caps), or refuse with the reason. Every refusal is
 * decided before the first write, so a refusal leaves the transaction clean for the refusal's own writes.
 */
export async function reserveInTransaction(
  trx: Db,
  orderId: string,
  deps: { clock: Clock; settings: SettingsService; faults?: { insideHold?: () => Promise<void> } },
): Promise<ReserveOutcome> {
  const { clock, settings } = deps;
  const order = await findOrder(trx, orderId);
  if (!order) throw new NotFoundError('order', orderId);
  if (order.status !== 'submitted') return { outcome: 'unchanged', order };
  const now = clock.now();
  const at = now.toISOString();
  // The period is the month of the hold, not of the submission (the brief's rule).
  const period = periodOf(now);
  try {
    const [shop, buyer, items, s] = await Promise.all([
      findShop(trx, order.shop_id),
      findBuyer(trx, order.buyer_id),
      orderItems(trx, order.id),
      settings.all(trx),
    ]);
    if (!shop || !buyer) throw new NotFoundError('order party', orderId);
    if (shop.status === 'pending') throw new OrderRefusedError('shop_unverified', 'the shop is not verified yet');
    if (shop.status === 'suspended' || !shop.is_open) throw new OrderRefusedError('shop_closed', 'the shop is closed');
    if (!inArea(s.area_policy, buyer, shop.kelurahan_code)) {
      throw new OrderRefusedError('outside_area', `the shop is outside the buyer's ${s.area_policy}`);
    }
    const products = new Map((await productsByIds(trx, shop.id, items.map((i) => i.product_id))).map((p) => [p.id, p]));
    for (const item of items) {
      const p = products.get(item.product_id);
      if (!p || !p.active || (p.stock !== null && p.stock < item.quantity)) {
        throw new OrderRefusedError('out_of_stock', `${item.name} is out of stock`);
      }
    }
    await ledger.hold(trx, {
      orderId,
      shopId: shop.id,
      buyerId: buyer.id,
      amount: order.total,
      period,
      limits: { shopCap: shop.cap_override ?? s.shop_monthly_cap, buyerMax: s.buyer_monthly_max, orderMax: s.order_max },
      at,
    });
    for (const item of items) {
      if (products.get(item.product_id)!.stock !== null) {
        await trx.updateTable('products').set((eb) => ({ stock: eb('stock', '-', item.quantity) })).where('id', '=', item.product_id).execute();
      }
    }
    await deps.faults?.insideHold?.();
    const remindAt = new Date(now.getTime() + s.shop_reminder_minutes * 60_000);
    const expiresAt = new Date(now.getTime() + s.order_expiry_minutes * 60_000);
    await updateOrder(trx, orderId, {
      status: 'reserved', period, reserved_at: at, updated_at: at,
      remind_at: remindAt.toISOString(), expires_at: expiresAt.toISOString(),
    });
    const lines = items.map((i) => `${i.quantity} × ${i.name}${i.unit ? ` (${i.unit})` : ''}`).join('\n');
    await noticeShop(trx, order, 'order.new', { ...summary(order), orderId, items: lines, fulfilment: order.fulfilment, note: order.note, area: buyer.domicile_kelurahan ?? buyer.office_kelurahan }, at);
    // One timer at a time: the reminder schedules the expiry (see remind()).
    await addToOutbox(trx, { queue: QUEUES.orders, jobName: 'remind', jobId: jobIds.remind(orderId), payload: { orderId }, delayUntil: remindAt }, at);
    const reserved: Order = {
      ...order, status: 'reserved', period, reserved_at: at, updated_at: at,
      remind_at: remindAt.toISOString(), expires_at: expiresAt.toISOString(),
    };
    return { outcome: 'reserved', order: reserved };
  } catch (error) {
    // Refusal checks all run before the first write, so the transaction is still clean here.
    if (!(error instanceof OrderRefusedError)) throw error;
    await updateOrder(trx, orderId, { status: 'refused', reason: error.reason, closed_at: at, updated_at: at });
    await noticeBuyer(trx, order, 'order.refused', summary(order, { reason: error.reason }), at);
    return { outcome: 'refused', order: (await findOrder(trx, orderId))!, reason: error.reason };
  }
}
