import type { BuyerAgent } from './buyer-agent.js';
import type { PlacedOrder } from './driver.js';
import type { ShopAgent } from './shop-agent.js';

/** Notice templates the agents react to; the rest are only counted. */
const FAILED = new Set(['order.refused', 'order.rejected', 'order.expired']);

/**
 * Hands each order notice to the agent it is for: a new order or a reminder to the shopkeeper, a failed
 * order to the buyer (who then tries again). A notice delivered twice (a retried send) reaches the agent
 * once; a notice that arrives before the agent learnt the order's id waits for it.
 */
export function createNoticeRouter(deps: {
  now: () => number;
  onNewOrderNotice?: (orderId: string, now: number) => void;
}) {
  const shopsByPhone = new Map<string, ShopAgent>();
  const orders = new Map<string, { order: PlacedOrder; buyer: BuyerAgent }>();
  const early = new Map<string, string[]>();
  const seen = new Set<string>();
  const received: Record<string, number> = {};
  let repeats = 0;

  function apply(template: string, orderId: string, shop: ShopAgent | undefined): void {
    const now = deps.now();
    if (template === 'order.new') {
      if (!shop) return;
      // How late it came is how far the pipeline is behind the clock (lag-watch.ts).
      deps.onNewOrderNotice?.(orderId, now);
      shop.noticed(orderId, now);
    } else if (template === 'order.reminder') shop?.reminded(orderId, now);
    else if (FAILED.has(template)) {
      const o = orders.get(orderId);
      if (!o) {
        early.set(orderId, [...(early.get(orderId) ?? []), template]);
        return;
      }
      o.buyer.failed(o.order, now);
    } else if (template === 'order.completed') {
      const o = orders.get(orderId);
      o?.buyer.completed(o.order);
    }
  }

  return {
    addShop(agent: ShopAgent): void {
      for (const p of agent.shop.phones) shopsByPhone.set(p, agent);
    },
    placed(order: PlacedOrder, buyer: BuyerAgent): void {
      orders.set(order.orderId, { order, buyer });
      for (const t of early.get(order.orderId) ?? []) apply(t, order.orderId, undefined);
      early.delete(order.orderId);
    },
    order: (orderId: string) => orders.get(orderId),
    /** Shop agents answer by order id; the buyer-facing side needs the buyer of that order. */
    notice(n: { recipientPhone: string; template: string; orderId: string | null }): void {
      received[n.template] = (received[n.template] ?? 0) + 1;
      if (!n.orderId) return;
      const key = `${n.template}|${n.orderId}|${n.recipientPhone}`;
      if (seen.has(key)) {
        repeats++;
        return;
      }
      seen.add(key);
      apply(n.template, n.orderId, shopsByPhone.get(n.recipientPhone));
    },
    stats: () => ({ received, repeats }),
  };
}
export type NoticeRouter = ReturnType<typeof createNoticeRouter>;
