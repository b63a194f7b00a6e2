import { parsePaidClaim } from '../../../src/language/paid-claim.js';
import { InvalidTransitionError } from '../../../src/orders/order.errors.js';
import type { Order } from '../../../src/orders/order.service.js';
import { PAYMENT_METHODS, type PaymentMethod } from '../../../src/orders/order.table.js';
import { AlreadyStatedError } from '../../../src/orders/payment.errors.js';
import { NotFoundError } from '../../../src/shared/errors.js';
import { asBuyerOf } from '../actor.js';
import { go, opt, type FlowContext, type Outcome, type Prompt } from '../context.js';
import type { State } from '../session.js';

const PAYABLE = new Set(['accepted', 'delivered']);

export const isPaymentMethod = (v: string): v is PaymentMethod => (PAYMENT_METHODS as readonly string[]).includes(v);

/** The buyer's own order, or undefined: someone else's order looks exactly like a missing one. */
async function own(ctx: FlowContext, orderId: string): Promise<{ order: Order; buyerId: number } | undefined> {
  const buyer = await ctx.buyer();
  const order = buyer ? await ctx.services.orders.get(orderId) : undefined;
  return order && buyer && order.buyer_id === buyer.id ? { order, buyerId: buyer.id } : undefined;
}

/** Why "sudah bayar" does not apply to this order now, or null when it does. */
function refusal(ctx: FlowContext, o: Order): string | null {
  if (o.buyer_paid_at) return ctx.t.alreadyClaimed({ code: o.code, at: o.buyer_paid_at });
  if (!PAYABLE.has(o.status)) return ctx.t.paidNotPayable({ code: o.code, status: ctx.t.status[o.status] });
  return null;
}

const back = (orderId: string): State => ({ step: 'my_order', orderId });

/** "Sudah bayar" picked on an order: ask how they paid. */
export async function startPaidClaim(ctx: FlowContext, orderId: string): Promise<Outcome> {
  const found = await own(ctx, orderId);
  if (!found) return go({ step: 'my_orders' }, ctx.t.orderNotFound);
  const no = refusal(ctx, found.order);
  return no ? go(back(orderId), no) : go({ step: 'paid_method', orderId });
}

export async function showPaidMethod(ctx: FlowContext, orderId: string): Promise<Prompt> {
  const { t } = ctx;
  const found = await own(ctx, orderId);
  if (!found) return { text: t.orderNotFound, options: [opt(t.menuMyOrders, 'orders')] };
  return {
    text: t.askPaidMethod({ code: found.order.code, total: found.order.total }),
    options: [
      opt(t.methodQris, `spm:qris:${orderId}`),
      opt(t.methodTransfer, `spm:transfer:${orderId}`),
      opt(t.methodCash, `spm:cash:${orderId}`),
      opt(t.optBack, `ord:${orderId}`),
    ],
  };
}

export async function showPaidReceipt(ctx: FlowContext, orderId: string, method: PaymentMethod): Promise<Prompt> {
  const { t } = ctx;
  const found = await own(ctx, orderId);
  if (!found) return { text: t.orderNotFound, options: [opt(t.menuMyOrders, 'orders')] };
  return {
    text: t.askReceipt({ code: found.order.code }),
    options: [opt(t.optSkipReceipt, `spx:${method}:${orderId}`), opt(t.optBack, `spaid:${orderId}`)],
  };
}

/** A method picked: cash needs no receipt; a transfer or QRIS may come with a photo of it. */
export async function pickPaidMethod(ctx: FlowContext, method: PaymentMethod, orderId: string): Promise<Outcome> {
  if (method === 'cash') return claimPaid(ctx, orderId, method, null);
  const found = await own(ctx, orderId);
  if (!found) return go({ step: 'my_orders' }, ctx.t.orderNotFound);
  const no = refusal(ctx, found.order);
  return no ? go(back(orderId), no) : go({ step: 'paid_receipt', orderId, method });
}

/** Records the buyer's "sudah bayar"; every refusal is phrased, and changes nothing. */
export async function claimPaid(
  ctx: FlowContext,
  orderId: string,
  method: PaymentMethod | null,
  receipt: string | null,
): Promise<Outcome> {
  const found = await own(ctx, orderId);
  if (!found) return go({ step: 'my_orders' }, ctx.t.orderNotFound);
  const { t } = ctx;
  try {
    const after = await ctx.services.orders.claimPaid(orderId, asBuyerOf(ctx, found.buyerId), { method, receipt });
    const note =
      after.status === 'completed'
        ? t.paidClaimedDone({ code: after.code })
        : t.paidClaimed({ code: after.code, total: after.total, method });
    return go({ step: 'buyer_menu' }, note);
  } catch (error) {
    const current = (await ctx.services.orders.get(orderId)) ?? found.order;
    if (error instanceof AlreadyStatedError || error instanceof InvalidTransitionError)
      return go(
        back(orderId),
        refusal(ctx, current) ?? t.orderAlready({ code: current.code, status: t.status[current.status] }),
      );
    if (error instanceof NotFoundError) return go({ step: 'my_orders' }, t.orderNotFound);
    throw error;
  }
}

/** The buyer answers the shop's "received" with "belum bayar": a dispute. */
export async function denyPaid(ctx: FlowContext, orderId: string): Promise<Outcome> {
  const found = await own(ctx, orderId);
  if (!found) return go({ step: 'my_orders' }, ctx.t.orderNotFound);
  try {
    const after = await ctx.services.orders.denyPaid(orderId, asBuyerOf(ctx, found.buyerId));
    return go({ step: 'buyer_menu' }, ctx.t.notPaidNoted({ code: after.code }));
  } catch (error) {
    if (error instanceof InvalidTransitionError || error instanceof NotFoundError) {
      const current = (await ctx.services.orders.get(orderId)) ?? found.order;
      return go(back(orderId), ctx.t.orderAlready({ code: current.code, status: ctx.t.status[current.status] }));
    }
    throw error;
  }
}

/** A photo while asked for the receipt: it is the receipt. */
export function receiptPhoto(ctx: FlowContext, state: State, path: string): Promise<Outcome> | null {
  return state.step === 'paid_receipt' ? claimPaid(ctx, state.orderId, state.method, path) : null;
}

/**
 * A typed "sudah bayar" / "udah transfer" on the buyer's side, at a step that takes no text: for the order
 * it names (its code), the order on screen, or the buyer's one order waiting for payment.
 */
export async function paidByText(ctx: FlowContext, state: State, text: string): Promise<Outcome | null> {
  if (ctx.side.role !== 'buyer') return null;
  const claim = parsePaidClaim(text);
  if (!claim) return null;
  const { t } = ctx;
  const buyer = await ctx.buyer();
  if (!buyer) return go({ step: 'buyer_menu' }, t.noBuyer);
  let order: Order | undefined;
  if (claim.code) {
    order = await ctx.services.orders.getByCode(claim.code);
    if (!order || order.buyer_id !== buyer.id) return go({ step: 'my_orders' }, t.orderNotFound);
  } else if (state.step === 'my_order' || state.step === 'paid_method' || state.step === 'paid_receipt') {
    order = await ctx.services.orders.get(state.orderId);
  } else {
    const waiting = await ctx.services.orderReads.awaitingBuyerPayment(buyer.id);
    if (waiting.length === 0) return go({ step: 'buyer_menu' }, t.paidNothingWaiting);
    if (waiting.length > 1) return go({ step: 'my_orders' }, t.paidPickOrder);
    order = waiting[0];
  }
  if (!order || order.buyer_id !== buyer.id) return go({ step: 'my_orders' }, t.orderNotFound);
  const no = refusal(ctx, order);
  if (no) return go(back(order.id), no);
  return claim.method ? pickPaidMethod(ctx, claim.method, order.id) : go({ step: 'paid_method', orderId: order.id });
}
