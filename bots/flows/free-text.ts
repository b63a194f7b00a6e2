import { readBuyerText } from './buyer/typed-order.js';
import { MAX_QUANTITY } from '../../src/orders/place-order.input.js';
import { readAddress } from './buyer/checkout.js';
import { putInCart, readQuantity } from './buyer/shopping.js';
import { go, type FlowContext, type Outcome } from './context.js';
import { intArg, splitValue } from './format.js';
import { savePaymentInfo } from './shop/account.js';
import { readDecision } from './shop/decision.js';
import { rejectOrder } from './shop/orders.js';
import { addToPosting, readPosting } from './shop/posting.js';
import type { State } from './session.js';

/** "2 3", "2x3", "no 2 jumlah 3": item 2 of the list, three of them. */
const ITEM_AND_QUANTITY = /^\D{0,6}(\d{1,3})\s*(?:[x×*]|\s)\s*\D{0,8}(\d{1,6})\s*\D{0,6}$/i;

/**
 * Text that a step reads itself before any option matching: "2 2" at the product list is item 2 twice,
 * where a menu reading would see the single number 2.
 */
export function textFirst(state: State, text: string): boolean {
  return state.step === 'products' && ITEM_AND_QUANTITY.test(text.trim());
}

/**
 * Text that is not an option: what it means depends on the step. Returns null when the step takes no
 * free text or the text does not fit it; the engine then re-asks.
 */
export async function onText(ctx: FlowContext, state: State, text: string): Promise<Outcome | null> {
  switch (state.step) {
    case 'quantity': {
      const q = readQuantity(text);
      if (q === null) return go(state, ctx.t.badQuantity({ max: MAX_QUANTITY }));
      return putInCart(ctx, state.productId, q, state.mode);
    }
    case 'products': {
      const m = ITEM_AND_QUANTITY.exec(text.trim());
      // "beras 2", "mau pesan minyak 2 liter": goods typed by name (issue 15).
      if (!m) return readBuyerText(ctx, state, text);
      const picked = ctx.session.options[Number(m[1]) - 1];
      if (!picked) return null;
      const [kind, arg] = splitValue(picked);
      const productId = intArg(arg);
      if (kind !== 'prod' || productId === null) return null;
      return putInCart(ctx, productId, Number(m[2]), 'add');
    }
    case 'address':
      return readAddress(ctx, text);
    case 'decide':
      return readDecision(ctx, state, text);
    case 'reject_reason':
      return rejectOrder(ctx, state.orderId, text);
    case 'payment_info':
      return savePaymentInfo(ctx, text);
    case 'post':
      return readPosting(ctx.t, text, state.photoPath) ?? go(state, ctx.t.postingNone);
    case 'shop_menu':
    case 'post_confirm':
      // A shopkeeper may simply type goods at the menu (or a corrected list instead of "2 ubah").
      // A post typed under the echo adds to it (the fragments it asked about, written again).
      return state.step === 'post_confirm' ? addToPosting(state, text) : readPosting(ctx.t, text, null);
    case 'qris':
      // Read before any step's own text handling (converse.ts, qrisFromText); reaching here is not a QRIS.
      return null;
    case 'buyer_menu':
    case 'shops':
    case 'cart':
    case 'confirm_item':
    case 'pick_item':
    case 'confirm_repeat':
      return readBuyerText(ctx, state, text);
    case 'qris_confirm':
    case 'link':
    case 'role':
    case 'language':
    case 'nudge':
    case 'cart_pick':
    case 'fulfilment':
    case 'confirm_order':
    case 'my_orders':
    case 'my_order':
    case 'confirm_cancel':
    case 'received':
    case 'paid_method':
    case 'paid_receipt':
    case 'quota':
    case 'shop_orders':
    case 'shop_order':
    case 'which_order':
    case 'revenue':
      return null;
  }
}
