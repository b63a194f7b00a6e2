import { repeatIntoCart } from './buyer/typed-order.js';
import { confirmReceived, cancelOrder, offerCancelNotReceived } from './buyer/orders.js';
import { claimPaid, denyPaid, isPaymentMethod, pickPaidMethod, startPaidClaim } from './buyer/payment.js';
import { chooseFulfilment, placeOrder, useLastAddress } from './buyer/checkout.js';
import { moneyNotReceived } from './shop/payment-check.js';
import { openShop, pickLine, putInCart } from './buyer/shopping.js';
import { go, homeOf, type FlowContext, type Outcome } from './context.js';
import { intArg, splitValue } from './format.js';
import { openPaymentInfo } from './shop/account.js';
import {
  acceptOrder,
  askRejectReason,
  confirmPaid,
  markDelivered,
  REJECT_REASONS,
  rejectOrder,
} from './shop/orders.js';
import { savePosting } from './shop/posting.js';
import { openQris, saveQris } from './shop/qris.js';
import { payOrder } from './buyer/pay.js';
import { toggleOpen } from './shop/hours.js';
import type { State } from './session.js';
import { LANGUAGES, type Language } from './texts/index.js';

const ORDER_ID = /^[0-9a-z]{10,40}$/;

/**
 * What a picked option does. Option values describe themselves (`shop:12`, `acc:<orderId>`), so a button
 * from an older message still works; each handler checks the sender may do it. Returns null for a value
 * that means nothing here, which the engine answers with a re-ask.
 */
export async function act(ctx: FlowContext, value: string, state: State): Promise<Outcome | null> {
  const [kind, arg] = splitValue(value);
  const home = homeOf(ctx.side);
  const n = intArg(arg);
  const orderId = ORDER_ID.test(arg) ? arg : null;
  switch (kind) {
    case 'home':
      return go(home);
    case 'help':
      return go(home, ctx.side.role === 'shop' ? ctx.t.helpShop : ctx.t.helpBuyer);
    case 'lang':
      if (!arg) return go({ step: 'language' });
      if (!(LANGUAGES as readonly string[]).includes(arg)) return null;
      ctx.setLanguage(arg as Language);
      return go(home, ctx.t.languageSet);
    case 'role':
      return chooseRole(ctx, arg);

    // Buyer
    case 'shops':
      return go({ step: 'shops', page: arg ? (n ?? 0) : 0 });
    case 'shop':
      return n ? openShop(ctx, n) : null;
    case 'shopok':
      // Issue 20: the buyer skipped the suggestion and goes on to the shop they chose.
      return n ? openShop(ctx, n, { nudge: false }) : null;
    case 'prods': {
      const [shop, page] = arg.split(':').map((x) => intArg(x) ?? 0);
      return shop ? go({ step: 'products', shopId: shop, page: page ?? 0 }) : null;
    }
    case 'addq': {
      // A typed request the buyer confirmed: "addq:<productId>:<quantity>".
      const [id, quantity] = arg.split(':').map((x) => intArg(x));
      return id && quantity ? putInCart(ctx, id, quantity, 'add') : null;
    }
    case 'rptok':
      return orderId ? repeatIntoCart(ctx, orderId) : null;
    case 'prod':
      return n ? go({ step: 'quantity', productId: n, mode: 'add' }) : null;
    case 'cart':
      if (arg === 'set' || arg === 'rm') return go({ step: 'cart_pick', mode: arg === 'set' ? 'set' : 'remove' });
      if (arg === 'clear') {
        ctx.session.cart = null;
        return go(home, ctx.t.cleared);
      }
      return go({ step: 'cart' });
    case 'line':
      return n ? pickLine(ctx, n, state.step === 'cart_pick' ? state.mode : 'set') : null;
    case 'checkout':
      return ctx.session.cart?.lines.length ? go({ step: 'fulfilment' }) : go({ step: 'cart' });
    case 'ful':
      return arg === 'delivery' || arg === 'pickup' ? chooseFulfilment(arg) : null;
    case 'addr':
      return arg === 'last' ? useLastAddress(ctx) : null;
    case 'place':
      // Placing needs the checkout's answers: from any other step, show the checkout again.
      return state.step === 'confirm_order'
        ? placeOrder(ctx, state.fulfilment, state.address ?? null)
        : go({ step: 'cart' });
    case 'orders':
      return go({ step: 'my_orders' });
    case 'ord':
      return orderId ? go({ step: 'my_order', orderId }) : null;
    case 'cnl':
      return orderId ? go({ step: 'confirm_cancel', orderId }) : null;
    case 'cnlok':
      return orderId ? cancelOrder(ctx, orderId) : null;
    case 'recv':
      return orderId ? confirmReceived(ctx, orderId) : null;
    case 'notyet':
      return go(home, ctx.t.notYetOk);
    case 'notrecv':
      return orderId ? offerCancelNotReceived(ctx, orderId) : null;
    case 'quota':
      return go({ step: 'quota' });
    // Paid and received (issue 13): spaid = "sudah bayar", spm/spx = its method (with or without a
    // receipt photo), nopaid = the buyer's "belum bayar", unpaid = the shop's "belum diterima".
    case 'spaid':
      return orderId ? startPaidClaim(ctx, orderId) : null;
    case 'spm':
    case 'spx': {
      const [method, id] = splitValue(arg);
      if (!isPaymentMethod(method) || !ORDER_ID.test(id)) return null;
      return kind === 'spm' ? pickPaidMethod(ctx, method, id) : claimPaid(ctx, id, method, null);
    }
    case 'nopaid':
      return orderId ? denyPaid(ctx, orderId) : null;
    case 'unpaid':
      return orderId ? moneyNotReceived(ctx, orderId) : null;

    // Shop
    case 'post':
      if (arg === 'yes')
        return state.step === 'post_confirm'
          ? savePosting(ctx, state.items, state.photoPath)
          : go({ step: 'post', photoPath: null });
      return go({ step: 'post', photoPath: state.step === 'post_confirm' ? state.photoPath : null });
    case 'sorders':
      return go({ step: 'shop_orders' });
    case 'sord':
      return orderId ? go({ step: 'shop_order', orderId }) : null;
    case 'dec':
      return orderId ? go({ step: 'decide', orderId }) : null;
    case 'acc':
      return orderId ? acceptOrder(ctx, orderId) : null;
    case 'rej':
      return orderId ? askRejectReason(ctx, orderId) : null;
    case 'why': {
      const [code, id] = splitValue(arg);
      if (!(REJECT_REASONS as readonly string[]).includes(code) || !ORDER_ID.test(id)) return null;
      return rejectOrder(ctx, id, code);
    }
    case 'dlv':
      return orderId ? markDelivered(ctx, orderId) : null;
    case 'paid':
      return orderId ? confirmPaid(ctx, orderId) : null;
    case 'rev':
      return go({ step: 'revenue' });
    case 'pay':
      return openPaymentInfo(ctx);
    case 'qris':
      if (arg === 'yes') return state.step === 'qris_confirm' ? saveQris(ctx, state.payload) : go({ step: 'qris' });
      if (arg === 'no') return go(home, ctx.t.qrisNotSaved);
      return openQris(ctx);
    case 'bayar':
      return orderId ? payOrder(ctx, orderId) : null;
    case 'hrs':
      return toggleOpen(ctx, arg);
    default:
      return null;
  }
}

async function chooseRole(ctx: FlowContext, arg: string): Promise<Outcome> {
  if (!arg) return go({ step: 'role' });
  const [role, rest] = splitValue(arg);
  const shopId = intArg(rest);
  const side =
    role === 'buyer'
      ? ({ role: 'buyer' } as const)
      : role === 'shop' && shopId
        ? ({ role: 'shop', shopId } as const)
        : null;
  if (!side) return go({ step: 'role' }, ctx.t.roleNotAllowed);
  const ok = await ctx.services.identity.chooseSide({
    channel: ctx.channel,
    chatId: ctx.chatId,
    phone: ctx.phone,
    side,
  });
  if (!ok) return go({ step: 'role' }, ctx.t.roleNotAllowed);
  ctx.setSide(side);
  return go(homeOf(side));
}
