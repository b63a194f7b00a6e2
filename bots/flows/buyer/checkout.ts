import type { Fulfilment } from '../../../src/orders/order.table.js';
import { DomainError } from '../../../src/shared/errors.js';
import { formatRupiah } from '../../../src/shared/money.js';
import { checkDeliveryAddress } from '../../../src/orders/delivery-address.js';
import { go, opt, type FlowContext, type Outcome, type Prompt } from '../context.js';
import { cartLines, cartSummary } from './shopping.js';

export function showFulfilment(ctx: FlowContext): Prompt {
  const { t } = ctx;
  return {
    text: t.askFulfilment,
    options: [opt(t.optDelivery, 'ful:delivery'), opt(t.optPickup, 'ful:pickup'), opt(t.optBack, 'cart')],
  };
}

/** Delivery asks where to; pickup asks nothing more (the shop's address comes with the acceptance). */
export function chooseFulfilment(fulfilment: Fulfilment): Outcome {
  return fulfilment === 'pickup' ? go({ step: 'confirm_order', fulfilment, address: null }) : go({ step: 'address' });
}

/** Where a delivery goes: typed, or the buyer's last address offered as an option (its value names no address). */
export async function showAddress(ctx: FlowContext): Promise<Prompt> {
  const { t } = ctx;
  const buyer = await ctx.buyer();
  const last = buyer ? await ctx.services.orderReads.lastDeliveryAddress(buyer.id) : null;
  const options = last ? [opt(t.optLastAddress({ address: last }), 'addr:last')] : [];
  return { text: `${t.askAddress}\n${t.backHint}`, options: [...options, opt(t.optBack, 'checkout')] };
}

/** A typed address, checked by the order rule ("-" or "rumah" is not where a courier can go). */
export function readAddress(ctx: FlowContext, text: string): Outcome {
  const r = checkDeliveryAddress(text);
  if (r.ok) return go({ step: 'confirm_order', fulfilment: 'delivery', address: r.address });
  const why = { empty: ctx.t.addressEmpty, too_short: ctx.t.addressTooShort, too_long: ctx.t.addressTooLong }[r.reason];
  return go({ step: 'address' }, why);
}

export async function useLastAddress(ctx: FlowContext): Promise<Outcome> {
  const buyer = await ctx.buyer();
  const last = buyer ? await ctx.services.orderReads.lastDeliveryAddress(buyer.id) : null;
  return last ? go({ step: 'confirm_order', fulfilment: 'delivery', address: last }) : go({ step: 'address' });
}

export async function showConfirmOrder(
  ctx: FlowContext,
  fulfilment: Fulfilment,
  address: string | null,
): Promise<Prompt> {
  const { t } = ctx;
  const summary = await cartSummary(ctx);
  if (!summary) return { text: t.cartEmpty, options: [opt(t.menuShop, 'shops'), opt(t.optMenu, 'home')] };
  const lines = [
    t.confirmOrder,
    summary,
    t.fulfilmentName({ fulfilment }),
    fulfilment === 'pickup' ? t.pickupLine : t.addressLine({ address }),
  ];
  return {
    text: lines.join('\n'),
    options: [opt(t.optPlace, 'place'), opt(t.optEditCart, 'cart')],
    yesNo: ['place', 'cart'],
  };
}

/**
 * Places the order. The code goes back to the buyer only after place() returned: the order is durable
 * then, and the worker will take it to a final state.
 */
export async function placeOrder(ctx: FlowContext, fulfilment: Fulfilment, address: string | null): Promise<Outcome> {
  const { t, services } = ctx;
  // A session from before addresses were asked (or a forged step) cannot place a delivery without one.
  if (fulfilment === 'delivery' && !address) return go({ step: 'address' });
  const buyer = await ctx.buyer();
  if (!buyer) return go({ step: 'buyer_menu' }, t.noBuyer);
  const lines = await cartLines(ctx);
  const cart = ctx.session.cart;
  if (!cart || lines.length === 0) return go({ step: 'cart' });
  // The shop was listable when the buyer opened it; by now it may be closed, at its cap, or nobody may be
  // left who could hear of the order (issue 14). Asked again now, by the listing's own rule: nothing is placed.
  if (!(await services.listing.canOrderFrom(buyer.id, cart.shopId))) {
    const shop = await services.shopLookup.find(cart.shopId);
    return go({ step: 'cart' }, t.placeShopUnavailable({ shop: shop?.name ?? '' }));
  }
  // Issue 20's optional share of the buyer's month at one shop: refused politely, with shops to try instead.
  const total = lines.reduce((sum, l) => sum + l.product.price * l.quantity, 0);
  const capped = await services.listing.shareLimit(buyer.id, cart.shopId, total);
  if (capped) {
    const shop = await services.shopLookup.find(cart.shopId);
    return go(
      { step: 'cart' },
      t.placeShareCapped({
        shop: shop?.name ?? '',
        percent: Math.round(capped.max * 100),
        room: capped.room > 0 ? formatRupiah(capped.room) : null,
        alternatives: capped.alternatives.map((a) => (a.kelurahan ? `${a.name} (${a.kelurahan})` : a.name)).join(', '),
      }),
    );
  }
  try {
    const order = await services.orders.place({
      buyerId: buyer.id,
      shopId: cart.shopId,
      items: lines.map((l) => ({ productId: l.product.id, quantity: l.quantity })),
      fulfilment,
      deliveryAddress: fulfilment === 'delivery' ? address : null,
      // The message that says "ya, pesan": if this process dies before the message is recorded as
      // handled, the platform sends it again, and the same key finds this order instead of a second one.
      requestKey: `${ctx.channel}:${ctx.chatId}:${ctx.messageId}`,
    });
    ctx.session.cart = null;
    const shop = await services.shopLookup.find(order.shop_id);
    return go({ step: 'buyer_menu' }, t.placed({ code: order.code, shop: shop?.name ?? '', total: order.total }));
  } catch (error) {
    // Validation and not-found mean the cart went stale (a product withdrawn): let the buyer fix it.
    if (error instanceof DomainError) return go({ step: 'cart' }, t.placeInvalid);
    throw error;
  }
}
