import { ManualClock } from '../../src/shared/clock.js';
import { createOrderService } from '../../src/orders/order.service.js';
import { createSettingsService } from '../../src/settings/settings.service.js';
import type { Db } from '../../src/db/database.js';

/** The domain services over a test database, with a clock the test moves. */
export function domainServices(db: Db, at = '2026-11-10T03:00:00.000Z') {
  const clock = new ManualClock(at);
  const settings = createSettingsService({ db, clock });
  const orders = createOrderService({ db, clock, settings });
  return { clock, settings, orders };
}

/** Places an order and drives it to `to` through the order service, as the chat flows would. */
export async function orderTo(
  w: ReturnType<typeof domainServices>,
  p: { buyerId: number; shopId: number; productId: number; quantity?: number },
  to: 'reserved' | 'completed' | 'rejected' | 'submitted',
) {
  const o = await w.orders.place({
    buyerId: p.buyerId,
    shopId: p.shopId,
    items: [{ productId: p.productId, quantity: p.quantity ?? 1 }],
    fulfilment: 'delivery',
  });
  if (to === 'submitted') return o;
  await w.orders.reserve(o.id);
  const shop = { kind: 'shop', shopId: p.shopId } as const;
  if (to === 'rejected') return w.orders.reject(o.id, shop, 'habis');
  if (to === 'completed') {
    await w.orders.accept(o.id, shop);
    await w.orders.markDelivered(o.id, shop);
    return w.orders.confirmPaid(o.id, shop);
  }
  return (await w.orders.get(o.id))!;
}
