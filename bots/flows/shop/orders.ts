import type { Order } from '../../../src/orders/order.service.js';
import { go, opt, type FlowContext, type Outcome, type Prompt } from '../context.js';
import { orderLinesText } from '../format.js';
import { orderStep } from '../order-step.js';
import { asShopOf } from '../actor.js';
import { nextWaiting } from './which-order.js';

const OPEN = ['reserved', 'accepted', 'delivered'] as const;
export const REJECT_REASONS = ['stock', 'closed', 'far', 'busy'] as const;

/**
 * The order, if the sender is a contact (owner or helper) of its shop. A forged or stale `acc:<id>` for
 * another shop's order gets the same answer as a missing order.
 */
export async function shopOrder(ctx: FlowContext, orderId: string): Promise<Order | undefined> {
  const order = await ctx.services.orders.get(orderId);
  if (!order) return undefined;
  return (await ctx.services.identity.shopContact(ctx.phone, order.shop_id)) ? order : undefined;
}

export async function showShopOrders(ctx: FlowContext): Promise<Prompt> {
  const { t } = ctx;
  const shopId = await ctx.shopId();
  if (shopId === undefined) return { text: t.noShop, options: [opt(t.optMenu, 'home')] };
  const orders = await ctx.services.orderReads.ofShop(shopId, OPEN, 20);
  if (orders.length === 0) return { text: t.shopOrdersNone, options: [opt(t.optMenu, 'home')] };
  const options = orders.map((o) =>
    opt(t.shopOrderLine({ code: o.code, total: o.total, status: t.status[o.status] }), `sord:${o.id}`),
  );
  return { text: t.shopOrdersTitle, options: [...options, opt(t.optMenu, 'home')] };
}

async function detail(ctx: FlowContext, o: Order): Promise<string> {
  const { t, services } = ctx;
  const buyer = await services.buyerLookup.find(o.buyer_id);
  const text = t.shopOrderDetail({
    code: o.code,
    buyer: buyer?.name,
    status: t.status[o.status],
    items: await orderLinesText(services.orderReads, o.id),
    total: o.total,
    fulfilment: t.fulfilmentName({ fulfilment: o.fulfilment }),
    note: o.note,
  });
  // Where it goes, always (a shop may refuse a far address); the buyer's phone once the shop has accepted.
  const taken = o.status === 'accepted' || o.status === 'delivered' || o.status === 'completed';
  const contact = t.buyerContactLines({ phone: taken ? buyer?.phone : null, address: o.delivery_address });
  return contact ? `${text}\n${contact}` : text;
}

export async function showShopOrder(ctx: FlowContext, orderId: string): Promise<Prompt> {
  const { t } = ctx;
  const o = await shopOrder(ctx, orderId);
  if (!o) return { text: t.orderNotFound, options: [opt(t.menuShopOrders, 'sorders'), opt(t.optMenu, 'home')] };
  const options = [];
  if (o.status === 'reserved') options.push(opt(t.optAccept, `acc:${o.id}`), opt(t.optReject, `rej:${o.id}`));
  if (o.status === 'accepted') options.push(opt(t.optDelivered, `dlv:${o.id}`));
  if ((o.status === 'accepted' && !o.paid_at) || o.status === 'delivered') options.push(opt(t.optPaid, `paid:${o.id}`));
  // The buyer said "sudah bayar": the shop may also say it has not arrived (a dispute).
  if (o.buyer_paid_at && !o.paid_at && o.review_reason !== 'dispute')
    options.push(opt(t.optMoneyNotReceived, `unpaid:${o.id}`));
  options.push(opt(t.optBack, 'sorders'), opt(t.optMenu, 'home'));
  let text = await detail(ctx, o);
  if (o.buyer_paid_at)
    text += `\n${t.buyerPaidLine({ method: o.payment_method, at: o.buyer_paid_at, receipt: o.payment_receipt })}`;
  if (o.review_reason === 'dispute') text += `\n${t.disputeNoted({ code: o.code })}`;
  return { text, options };
}

/** Waiting for the one reply to a new order: 1 terima / 2 tolak (and ya / tidak, nggih / mboten). */
export async function showDecide(ctx: FlowContext, orderId: string): Promise<Prompt> {
  const { t } = ctx;
  const o = await shopOrder(ctx, orderId);
  if (!o || o.status !== 'reserved') return showShopOrder(ctx, orderId);
  return {
    text: await detail(ctx, o),
    options: [opt(t.optAccept, `acc:${o.id}`), opt(t.optReject, `rej:${o.id}`)],
    yesNo: [`acc:${o.id}`, `rej:${o.id}`],
  };
}

export async function showRejectReason(ctx: FlowContext, orderId: string): Promise<Prompt> {
  const { t } = ctx;
  const o = await shopOrder(ctx, orderId);
  if (!o) return { text: t.orderNotFound, options: [opt(t.optMenu, 'home')] };
  const labels = { stock: t.reasonStock, closed: t.reasonClosed, far: t.reasonFar, busy: t.reasonBusy };
  return {
    text: t.askRejectReason({ code: o.code }),
    options: [...REJECT_REASONS.map((r) => opt(labels[r], `why:${r}:${o.id}`)), opt(t.optBack, `dec:${o.id}`)],
  };
}

const notFound = (ctx: FlowContext): Outcome => go({ step: 'shop_menu' }, ctx.t.orderNotFound);

/** After answering one order, the next one still waiting (if any) comes up instead of this order's steps. */
async function thenNextWaiting(ctx: FlowContext, o: Order, out: Outcome): Promise<Outcome> {
  const next = await nextWaiting(ctx, o.shop_id, o.id);
  return next ? go(next.state, ...out.notes, next.note) : out;
}

/** `note`: what the shopkeeper wrote with the yes ("siap, kirim habis maghrib"), for the buyer. */
export async function acceptOrder(ctx: FlowContext, orderId: string, note: string | null = null): Promise<Outcome> {
  const o = await shopOrder(ctx, orderId);
  if (!o) return notFound(ctx);
  const out = await orderStep(ctx, o, { step: 'shop_order', orderId }, async () => {
    await ctx.services.orders.accept(orderId, asShopOf(ctx, o), note);
    // The shop learns how to reach the buyer once it has taken the order (issue 13: contact on acceptance).
    const buyer = await ctx.services.buyerLookup.find(o.buyer_id);
    return ctx.t.acceptedWithBuyer({
      code: o.code,
      buyer: buyer?.name,
      phone: buyer?.phone,
      fulfilment: o.fulfilment,
      address: o.delivery_address,
    });
  });
  return thenNextWaiting(ctx, o, out);
}

export async function askRejectReason(ctx: FlowContext, orderId: string): Promise<Outcome> {
  const o = await shopOrder(ctx, orderId);
  if (!o) return notFound(ctx);
  if (o.status !== 'reserved')
    return go({ step: 'shop_order', orderId }, ctx.t.orderAlready({ code: o.code, status: ctx.t.status[o.status] }));
  return go({ step: 'reject_reason', orderId });
}

/** `reason` is a code from REJECT_REASONS (translated for the buyer) or the shopkeeper's own words. */
export async function rejectOrder(ctx: FlowContext, orderId: string, reason: string): Promise<Outcome> {
  const o = await shopOrder(ctx, orderId);
  if (!o) return notFound(ctx);
  const text = reason.trim().slice(0, 300);
  if (!text) return go({ step: 'reject_reason', orderId });
  const out = await orderStep(ctx, o, { step: 'shop_menu' }, async () => {
    await ctx.services.orders.reject(orderId, asShopOf(ctx, o), text);
    return ctx.t.rejected({ code: o.code });
  });
  return thenNextWaiting(ctx, o, out);
}

export async function markDelivered(ctx: FlowContext, orderId: string): Promise<Outcome> {
  const o = await shopOrder(ctx, orderId);
  if (!o) return notFound(ctx);
  return orderStep(ctx, o, { step: 'shop_order', orderId }, async () => {
    const after = await ctx.services.orders.markDelivered(orderId, asShopOf(ctx, o));
    return after.status === 'completed'
      ? ctx.t.completedNote({ code: o.code })
      : ctx.t.markedDelivered({ code: o.code });
  });
}

export async function confirmPaid(ctx: FlowContext, orderId: string): Promise<Outcome> {
  const o = await shopOrder(ctx, orderId);
  if (!o) return notFound(ctx);
  return orderStep(ctx, o, { step: 'shop_order', orderId }, async () => {
    const after = await ctx.services.orders.confirmPaid(orderId, asShopOf(ctx, o));
    return after.status === 'completed' ? ctx.t.completedNote({ code: o.code }) : ctx.t.markedPaid({ code: o.code });
  });
}
