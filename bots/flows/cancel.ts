import { go, homeOf, type FlowContext, type Outcome } from './context.js';

/**
 * "batal" / "cancel", typed anywhere: back to the menu, saying what was cancelled. In the middle of an order
 * (the cart or the checkout) it means "not this order": the cart is emptied and the reply says so. Elsewhere
 * the cart is kept, and the reply says that too, so nobody wonders where their goods went.
 */
export async function cancelHere(ctx: FlowContext): Promise<Outcome> {
  const { t, session } = ctx;
  const home = homeOf(ctx.side);
  const state = session.state;
  const cart = session.cart;
  const count = cart?.lines.length ?? 0;
  const shopName = async () => (cart ? ((await ctx.services.shopLookup.find(cart.shopId))?.name ?? '') : '');
  switch (state.step) {
    case 'cart':
    case 'cart_pick':
    case 'fulfilment':
    case 'address':
    case 'confirm_order': {
      if (count === 0) return go(home, t.cancelNothing);
      const shop = await shopName();
      session.cart = null;
      return go(home, t.cancelOrder({ shop, count }));
    }
    case 'quantity':
    case 'confirm_item':
    case 'pick_item':
    case 'confirm_repeat':
      return go(home, count > 0 ? t.cancelItemKeepCart({ shop: await shopName(), count }) : t.cancelItem);
    case 'post':
    case 'post_confirm':
      return go(home, t.cancelPosting);
    case 'reject_reason':
    case 'decide':
    case 'which_order':
      return go(home, t.cancelDecide);
    case 'confirm_cancel':
      return go(home, t.cancelKeepOrder);
    case 'payment_info':
    case 'qris':
    case 'qris_confirm':
      return go(home, t.cancelPayment);
    case 'link':
    case 'role':
    case 'language':
    case 'buyer_menu':
    case 'shops':
    case 'products':
    case 'nudge':
    case 'my_orders':
    case 'my_order':
    case 'received':
    case 'paid_method':
    case 'paid_receipt':
    case 'quota':
    case 'shop_menu':
    case 'shop_orders':
    case 'shop_order':
    case 'revenue':
      return go(home, count > 0 ? t.cancelKeepCart({ shop: await shopName(), count }) : t.cancelNothing);
  }
}
