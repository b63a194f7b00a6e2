import type { Fulfilment } from '../../../src/orders/order.table.js';
import { findShop } from '../../../src/shops/shop.repository.js';
import { DomainError } from '../../../src/shared/errors.js';
import { go, opt, type FlowContext, type Outcome, type Prompt } from '../context.js';
import { cartLines, cartSummary } from './shopping.js';

const MAX_NOTE = 500;

export function showFulfilment(ctx: FlowContext): Prompt {
  const { t } = ctx;
  return { text: t.askFulfilment, options: [opt(t.optDelivery, 'ful:delivery'), opt(t.optPickup, 'ful:pickup'), opt(t.optBack, 'cart')] };
}

export function showNote(ctx: FlowContext): Prompt {
  return { text: `${ctx.t.askNote}\n${ctx.t.backHint}`, options: [] };
}

/** "-" (or a dash-like "tidak ada") means no note; anything else is the note as written. */
export function readNote(ctx: FlowContext, fulfilment: Fulfilment, text: string): Outcome {
  const note = text.trim();
  if (note.length > MAX_NOTE) return go({ step: 'note', fulfilment }, ctx.t.noteTooLong);
  const none = /^[-–—.]+$/.test(note) || /^(tidak ada|tdk ada|gak ada|ga ada|nggak|none|no)$/i.test(note);
  return go({ step: 'confirm_order', fulfilment, note: none ? '' : note });
}

export async function showConfirmOrder(ctx: FlowContext, fulfilment: Fulfilment, note: string): Promise<Prompt> {
  const { t } = ctx;
  const summary = await cartSummary(ctx);
  if (!summary) return { text: t.cartEmpty, options: [opt(t.menuShop, 'shops'), opt(t.optMenu, 'home')] };
  const lines = [t.confirmOrder, summary, t.fulfilmentName({ fulfilment })];
  if (note) lines.push(t.noteLine({ note }));
  return { text: lines.join('\n'), options: [opt(t.optPlace, 'place'), opt(t.optEditCart, 'cart')], yesNo: ['place', 'cart'] };
}

/**
 * Places the order. The code goes back to the buyer only after place() returned: the order is durable
 * then, and the worker will take it to a final state.
 */
export async function placeOrder(ctx: FlowContext, fulfilment: Fulfilment, note: string): Promise<Outcome> {
  const { t, services } = ctx;
  const buyer = await ctx.buyer();
  if (!buyer) return go({ step: 'buyer_menu' }, t.noBuyer);
  const lines = await cartLines(ctx);
  const cart = ctx.session.cart;
  if (!cart || lines.length === 0) return go({ step: 'cart' });
  try {
    const order = await services.orders.place({
      buyerId: buyer.id,
      shopId: cart.shopId,
      items: lines.map((l) => ({ productId: l.product.id, quantity: l.quantity })),
      fulfilment,
      note,
      // The message that says "ya, pesan": if this process dies before the message is recorded as
      // handled, the platform sends it again, and the same key finds this order instead of a second one.
      requestKey: `${ctx.channel}:${ctx.chatId}:${ctx.messageId}`,
    });
    ctx.session.cart = null;
    const shop = await findShop(services.db, order.shop_id);
    return go({ step: 'buyer_menu' }, t.placed({ code: order.code, shop: shop?.name ?? '', total: order.total }));
  } catch (error) {
    // Validation and not-found mean the cart went stale (a product withdrawn): let the buyer fix it.
    if (error instanceof DomainError) return go({ step: 'cart' }, t.placeInvalid);
    throw error;
  }
}
