import type { Order } from '../../../src/orders/order.service.js';
import { go, opt, type FlowContext, type Outcome, type Prompt } from '../context.js';
import { orderLinesText, progressBar, monthName } from '../format.js';
import { orderStep } from '../order-step.js';
import { asBuyerOf } from '../actor.js';

const RECENT = 10;

/** The buyer's own order, or undefined: someone else's order id looks exactly like a missing one. */
async function ownOrder(ctx: FlowContext, orderId: string): Promise<{ order: Order; buyerId: number } | undefined> {
  const buyer = await ctx.buyer();
  if (!buyer) return undefined;
  const order = await ctx.services.orders.get(orderId);
  return order && order.buyer_id === buyer.id ? { order, buyerId: buyer.id } : undefined;
}

export async function showMyOrders(ctx: FlowContext): Promise<Prompt> {
  const { t, services } = ctx;
  const buyer = await ctx.buyer();
  if (!buyer) return { text: t.noBuyer, options: [opt(t.optMenu, 'home')] };
  const orders = await services.orderReads.ofBuyer(buyer.id, RECENT);
  if (orders.length === 0) return { text: t.ordersNone, options: [opt(t.menuShop, 'shops'), opt(t.optMenu, 'home')] };
  const names = new Map<number, string>();
  for (const o of orders)
    if (!names.has(o.shop_id)) names.set(o.shop_id, (await services.shopLookup.find(o.shop_id))?.name ?? '');
  const options = orders.map((o) =>
    opt(
      t.orderLine({ code: o.code, shop: names.get(o.shop_id), total: o.total, status: t.status[o.status] }),
      `ord:${o.id}`,
    ),
  );
  return { text: t.ordersTitle, options: [...options, opt(t.optMenu, 'home')] };
}

export async function showMyOrder(ctx: FlowContext, orderId: string): Promise<Prompt> {
  const { t, services } = ctx;
  const own = await ownOrder(ctx, orderId);
  if (!own) return { text: t.orderNotFound, options: [opt(t.menuMyOrders, 'orders'), opt(t.optMenu, 'home')] };
  const o = own.order;
  const shop = await services.shopLookup.find(o.shop_id);
  let text = t.orderDetail({
    code: o.code,
    shop: shop?.name,
    status: t.status[o.status],
    items: await orderLinesText(services.orderReads, o.id),
    total: o.total,
    fulfilment: t.fulfilmentName({ fulfilment: o.fulfilment }),
  });
  if (o.buyer_paid_at) text += `\n${t.paymentStated({ method: o.payment_method, at: o.buyer_paid_at })}`;
  const options = [];
  // An accepted order can be cancelled once its buyer was asked whether it arrived (ask_at cleared).
  const askedNotReceived = o.status === 'accepted' && o.ask_at === null && o.review_reason === null;
  if ((o.status === 'accepted' || o.status === 'delivered') && !o.buyer_paid_at)
    options.push(opt(t.optPaidClaim, `spaid:${o.id}`));
  if (o.status === 'submitted' || o.status === 'reserved' || askedNotReceived)
    options.push(opt(t.optCancelOrder, `cnl:${o.id}`));
  if (o.status === 'accepted' || o.status === 'delivered') options.push(opt(t.optPay, `bayar:${o.id}`));
  if (o.status === 'accepted' || o.status === 'delivered') options.push(opt(t.optReceived, `recv:${o.id}`));
  options.push(opt(t.optBack, 'orders'), opt(t.optMenu, 'home'));
  return { text, options };
}

export async function showConfirmCancel(ctx: FlowContext, orderId: string): Promise<Prompt> {
  const { t } = ctx;
  const own = await ownOrder(ctx, orderId);
  if (!own) return { text: t.orderNotFound, options: [opt(t.menuMyOrders, 'orders')] };
  return {
    text: t.confirmCancel({ code: own.order.code }),
    options: [opt(t.optYesCancel, `cnlok:${orderId}`), opt(t.optNo, `ord:${orderId}`)],
    yesNo: [`cnlok:${orderId}`, `ord:${orderId}`],
  };
}

export async function showReceived(ctx: FlowContext, orderId: string): Promise<Prompt> {
  const { t } = ctx;
  const own = await ownOrder(ctx, orderId);
  if (!own) return { text: t.orderNotFound, options: [opt(t.menuMyOrders, 'orders')] };
  return {
    text: t.askReceived({ code: own.order.code }),
    options: [opt(t.optYesReceived, `recv:${orderId}`), opt(t.optNotYet, 'notyet')],
    yesNo: [`recv:${orderId}`, 'notyet'],
  };
}

export async function cancelOrder(ctx: FlowContext, orderId: string): Promise<Outcome> {
  const own = await ownOrder(ctx, orderId);
  if (!own) return go({ step: 'my_orders' }, ctx.t.orderNotFound);
  return orderStep(ctx, own.order, { step: 'my_orders' }, async () => {
    const o = await ctx.services.orders.cancel(orderId, asBuyerOf(ctx, own.buyerId));
    return ctx.t.orderCancelled({ code: o.code });
  });
}

/** "Belum sampai" to the deadline's question: offer to cancel the order, which releases its hold. */
export async function offerCancelNotReceived(ctx: FlowContext, orderId: string): Promise<Outcome> {
  const own = await ownOrder(ctx, orderId);
  if (!own) return go({ step: 'my_orders' }, ctx.t.orderNotFound);
  if (own.order.status !== 'accepted')
    return go(
      { step: 'my_order', orderId },
      ctx.t.orderAlready({ code: own.order.code, status: ctx.t.status[own.order.status] }),
    );
  return go({ step: 'confirm_cancel', orderId }, ctx.t.notReceivedOffer({ code: own.order.code }));
}

/** The buyer confirms the goods arrived (the shop's payment confirmation completes the order). */
export async function confirmReceived(ctx: FlowContext, orderId: string): Promise<Outcome> {
  const own = await ownOrder(ctx, orderId);
  if (!own) return go({ step: 'my_orders' }, ctx.t.orderNotFound);
  return orderStep(ctx, own.order, { step: 'buyer_menu' }, async () => {
    const o = await ctx.services.orders.markDelivered(orderId, asBuyerOf(ctx, own.buyerId));
    return ctx.t.receivedThanks({ code: o.code });
  });
}

export async function showQuota(ctx: FlowContext): Promise<Prompt> {
  const { t } = ctx;
  const buyer = await ctx.buyer();
  const q = buyer ? await ctx.services.quota.progress(buyer.id) : undefined;
  if (!q) return { text: t.noBuyer, options: [opt(t.optMenu, 'home')] };
  return {
    text: t.quota({
      period: monthName(q.period, ctx.language),
      spent: q.spent,
      minimum: q.minimum,
      bar: progressBar(q.percent),
      held: q.held,
      days: q.daysLeft,
    }),
    options: [opt(t.menuShop, 'shops'), opt(t.optMenu, 'home')],
  };
}
