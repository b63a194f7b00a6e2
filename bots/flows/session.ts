import type { Fulfilment, PaymentMethod } from '../../src/orders/order.table.js';
import type { PostedProduct } from '../../src/shops/catalog.service.js';

export interface CartLine {
  productId: number;
  quantity: number;
}

/** One shop's cart: an order goes to one shop. */
export interface Cart {
  shopId: number;
  lines: CartLine[];
}

/**
 * Where a chat is. Every step is one member of this union and every switch over it is exhaustive, so a
 * new step cannot be half-handled.
 */
export type State =
  /** `invite`: the chat was opened with this shop's invitation and waits for a contact card (Telegram). */
  | { step: 'link'; invite?: { shopId: number; shopName: string } }
  | { step: 'role' }
  | { step: 'language' }
  | { step: 'buyer_menu' }
  | { step: 'shops'; page: number }
  | { step: 'products'; shopId: number; page: number }
  // Issue 20: going back to a shop far above its share, a comparable shop nearby is suggested once.
  | { step: 'nudge'; shopId: number; altId: number; area: string | null; goods: string[] }
  | { step: 'quantity'; productId: number; mode: 'add' | 'set' }
  // Issue 15: goods typed by the buyer ("beras 2"), confirmed before they enter the cart.
  | { step: 'confirm_item'; productId: number; quantity: number }
  | { step: 'pick_item'; picks: { productId: number; quantity: number }[] }
  | { step: 'confirm_repeat'; orderId: string }
  | { step: 'cart' }
  | { step: 'cart_pick'; mode: 'set' | 'remove' }
  | { step: 'fulfilment' }
  | { step: 'address' }
  | { step: 'confirm_order'; fulfilment: Fulfilment; address: string | null }
  | { step: 'my_orders' }
  | { step: 'my_order'; orderId: string }
  | { step: 'confirm_cancel'; orderId: string }
  | { step: 'received'; orderId: string }
  | { step: 'paid_method'; orderId: string }
  | { step: 'paid_receipt'; orderId: string; method: PaymentMethod }
  | { step: 'quota' }
  | { step: 'shop_menu' }
  | { step: 'post'; photoPath: string | null }
  /** `unread`: parts of the post that could not be read, asked about under the echo (issue 15) */
  | { step: 'post_confirm'; items: PostedProduct[]; photoPath: string | null; unread?: string[] }
  | { step: 'shop_orders' }
  | { step: 'shop_order'; orderId: string }
  /**
   * The one reply to a new order. `byNotice`: the chat came here because a notice arrived, not because the
   * person picked this order, so a bare "1" asks which order when several wait (see shop/which-order.ts).
   */
  | { step: 'decide'; orderId: string; byNotice?: boolean }
  /** Several orders wait and a bare answer named none: which one does the person mean? */
  | { step: 'which_order'; action: 'acc' | 'rej' }
  | { step: 'reject_reason'; orderId: string }
  | { step: 'revenue' }
  | { step: 'payment_info' }
  | { step: 'qris' }
  | { step: 'qris_confirm'; payload: string };

export type Step = State['step'];

export interface Session {
  state: State;
  cart: Cart | null;
  /** Values of the options last shown: a typed number picks among these. */
  options: string[];
  /** The values a typed yes or no stands for, when the last prompt was a yes/no question. */
  yesNo: [yes: string, no: string] | null;
  /** Issue 20: `period:shopId` of the shops this chat was already nudged away from (once each a month). */
  nudged?: string[];
}

export const freshSession = (state: State): Session => ({ state, cart: null, options: [], yesNo: null });

const STEPS: ReadonlySet<string> = new Set<Step>([
  'link',
  'role',
  'language',
  'buyer_menu',
  'shops',
  'products',
  'nudge',
  'quantity',
  'confirm_item',
  'pick_item',
  'confirm_repeat',
  'cart',
  'cart_pick',
  'fulfilment',
  'address',
  'confirm_order',
  'my_orders',
  'my_order',
  'confirm_cancel',
  'received',
  'quota',
  'shop_menu',
  'post',
  'post_confirm',
  'shop_orders',
  'shop_order',
  'decide',
  'which_order',
  'reject_reason',
  'revenue',
  'payment_info',
  'qris',
  'qris_confirm',
  'paid_method',
  'paid_receipt',
]);

/**
 * Reads a stored session. A row written by an older version with a step that no longer exists starts
 * over rather than crash the chat.
 */
export function parseSession(json: string): Session | null {
  try {
    const s = JSON.parse(json) as Partial<Session> | null;
    if (!s || typeof s !== 'object' || !s.state || !STEPS.has(s.state.step)) return null;
    return {
      state: s.state,
      cart: s.cart ?? null,
      options: Array.isArray(s.options) ? s.options.filter((o): o is string => typeof o === 'string') : [],
      yesNo: Array.isArray(s.yesNo) && s.yesNo.length === 2 ? (s.yesNo as [string, string]) : null,
      ...(Array.isArray(s.nudged)
        ? { nudged: s.nudged.filter((k): k is string => typeof k === 'string').slice(-50) }
        : {}),
    };
  } catch {
    return null;
  }
}

/** Steps that an idle timeout does not end: an order waiting for the shop's answer stays answerable. */
export const TIMELESS: ReadonlySet<Step> = new Set<Step>([
  'link',
  'role',
  'buyer_menu',
  'shop_menu',
  'decide',
  'which_order',
  'received',
]);
