import { showConfirmItem, showConfirmRepeat, showPickItem } from './buyer/typed-order.js';
import { showAddress, showConfirmOrder, showFulfilment } from './buyer/checkout.js';
import { showPaidMethod, showPaidReceipt } from './buyer/payment.js';
import { showConfirmCancel, showMyOrder, showMyOrders, showQuota, showReceived } from './buyer/orders.js';
import { showCart, showCartPick, showProducts, showQuantity, showShops } from './buyer/shopping.js';
import { showNudge } from './buyer/nudge.js';
import type { FlowContext, Prompt } from './context.js';
import { showBuyerMenu, showLanguage, showRole, showShopMenu } from './menus.js';
import { showPaymentInfo, showRevenue } from './shop/account.js';
import { showDecide, showRejectReason, showShopOrder, showShopOrders } from './shop/orders.js';
import { showWhichOrder } from './shop/which-order.js';
import { showPost, showPostConfirm } from './shop/posting.js';
import { showQris, showQrisConfirm } from './shop/qris.js';
import type { State } from './session.js';

/** The prompt of each step: what the person sees on arriving there (and again after a re-ask). */
export async function show(ctx: FlowContext, state: State): Promise<Prompt> {
  switch (state.step) {
    case 'link':
      return { text: ctx.t.welcome, options: [] };
    case 'role':
      return showRole(ctx);
    case 'language':
      return showLanguage(ctx);
    case 'buyer_menu':
      return showBuyerMenu(ctx);
    case 'shops':
      return showShops(ctx, state.page);
    case 'products':
      return showProducts(ctx, state.shopId, state.page);
    case 'nudge':
      return showNudge(ctx, state);
    case 'quantity':
      return showQuantity(ctx, state.productId);
    case 'confirm_item':
      return showConfirmItem(ctx, state.productId, state.quantity);
    case 'pick_item':
      return showPickItem(ctx, state.picks);
    case 'confirm_repeat':
      return showConfirmRepeat(ctx, state.orderId);
    case 'cart':
      return showCart(ctx);
    case 'cart_pick':
      return showCartPick(ctx, state.mode);
    case 'fulfilment':
      return showFulfilment(ctx);
    case 'address':
      return showAddress(ctx);
    case 'confirm_order':
      return showConfirmOrder(ctx, state.fulfilment, state.address ?? null);
    case 'my_orders':
      return showMyOrders(ctx);
    case 'my_order':
      return showMyOrder(ctx, state.orderId);
    case 'confirm_cancel':
      return showConfirmCancel(ctx, state.orderId);
    case 'received':
      return showReceived(ctx, state.orderId);
    case 'paid_method':
      return showPaidMethod(ctx, state.orderId);
    case 'paid_receipt':
      return showPaidReceipt(ctx, state.orderId, state.method);
    case 'quota':
      return showQuota(ctx);
    case 'shop_menu':
      return showShopMenu(ctx);
    case 'post':
      return showPost(ctx);
    case 'post_confirm':
      return showPostConfirm(ctx, state.items, state.unread ?? []);
    case 'shop_orders':
      return showShopOrders(ctx);
    case 'shop_order':
      return showShopOrder(ctx, state.orderId);
    case 'decide':
      return showDecide(ctx, state.orderId);
    case 'which_order':
      return showWhichOrder(ctx, state.action);
    case 'reject_reason':
      return showRejectReason(ctx, state.orderId);
    case 'revenue':
      return showRevenue(ctx);
    case 'payment_info':
      return showPaymentInfo(ctx);
    case 'qris':
      return showQris(ctx);
    case 'qris_confirm':
      return showQrisConfirm(ctx, state.payload);
  }
}

/** Where `0` leads from each step. */
export function backOf(state: State, home: State): State {
  switch (state.step) {
    case 'link':
    case 'role':
      return state;
    case 'language':
    case 'buyer_menu':
    case 'shop_menu':
    case 'shops':
    case 'my_orders':
    case 'quota':
    case 'post':
    case 'shop_orders':
    case 'revenue':
    case 'payment_info':
    case 'received':
    case 'qris':
      return home;
    case 'qris_confirm':
      return { step: 'qris' };
    case 'products':
    case 'nudge':
      return { step: 'shops', page: 0 };
    case 'quantity':
    case 'confirm_item':
    case 'pick_item':
    case 'confirm_repeat':
    case 'cart_pick':
    case 'fulfilment':
    case 'confirm_order':
      return { step: 'cart' };
    case 'cart':
      return home;
    case 'address':
      return { step: 'fulfilment' };
    case 'my_order':
      return { step: 'my_orders' };
    case 'confirm_cancel':
    case 'paid_method':
      return { step: 'my_order', orderId: state.orderId };
    case 'paid_receipt':
      return { step: 'paid_method', orderId: state.orderId };
    case 'post_confirm':
      return { step: 'post', photoPath: state.photoPath };
    case 'shop_order':
    case 'decide':
    case 'which_order':
      return { step: 'shop_orders' };
    case 'reject_reason':
      return { step: 'decide', orderId: state.orderId };
  }
}
