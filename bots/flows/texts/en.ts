import { formatRupiah as rp } from '../../../src/shared/money.js';
import { languageTextsEn } from './language.en.js';
import { deadlineNoticesEn, deadlineTextsEn } from './deadlines.en.js';
import { reach } from './reach.en.js';
import { invite } from './invite.en.js';
import { spreadEn } from './spread.en.js';
import type { Texts } from './catalog.js';
import { settleEn } from './settle.en.js';
import { acceptedNoticeEn, paymentEn } from './payment.en.js';

type P = Readonly<Record<string, string | number | null | undefined>>;
const s = (v: P[string]): string => (v === null || v === undefined ? '' : String(v));
const money = (v: P[string]): string => (typeof v === 'number' ? rp(v) : s(v));

/** English, chosen per chat from "Bahasa / Language". Same keys as id.ts (the type checks it). */
export const en: Texts = {
  // Indonesian words keep working in English: people mix both.
  words: {
    menu: ['menu', 'main menu', 'start', '/start', '/menu', 'menu utama'],
    cancel: ['cancel', 'batal', 'stop'],
    help: ['help', 'bantuan', '/help'],
    back: ['0', 'back', 'kembali'],
  },

  notUnderstood: "Sorry, I didn't understand. Please pick one of the numbers below.",
  notUnderstoodFree: "Sorry, I didn't understand. Type 0 to go back or menu for the main menu.",
  unsupported: 'Sorry, I can only read text messages and photos.',
  failure: 'Sorry, something went wrong. Please try again in a moment.',
  notFound: 'Sorry, that was not found.',
  orderNotFound: 'Sorry, that order was not found.',
  idleReset: 'Your previous session ended after a long pause. Starting again from the menu.',
  cancelled: 'OK, cancelled.',
  backHint: 'Type 0 to go back, menu for the main menu.',
  optBack: 'Back',
  optMenu: 'Main menu',

  welcome: 'Welcome to peken! To start, share your phone number.',
  notOwnContact: "Please share your own phone number, not someone else's contact.",
  contactHow: {
    telegram: 'Press the "📱 Share number" button below.',
    whatsapp: 'On WhatsApp: tap 📎 (attach) → Contact, pick your own contact (your phone number), then send.',
    web: '',
  },
  shareContactButton: '📱 Share number',
  editedMessage: 'I do not read edited messages. Please send a new message.',
  privateChatOnly: 'peken works in private chats only. Please message me directly.',
  badPhone: 'That is not a valid Indonesian mobile number. Please share your number again.',
  unknownPhone:
    'Your number is not registered with peken yet.\n• Civil servants: ask your department (OPD) admin to record your phone number.\n• Shop owners: contact the Cooperatives Office (Dinas Koperasi) to register your shop.',
  linkedBuyer: (p: P) => `Hello ${s(p.name)}! Your account is linked.`,
  linkedShop: (p: P) =>
    `Hello ${s(p.name)}! You are linked as ${p.role === 'owner' ? 'owner' : 'helper'} of ${s(p.shop)}.`,
  chooseRole: 'Your number is registered as both a buyer and a seller. How do you want to use peken?',
  roleBuyer: 'Buyer (civil servant)',
  roleShop: (p: P) => `Seller: ${s(p.shop)}`,
  roleNotAllowed: 'Sorry, that choice is not available for your number.',

  languagePrompt: 'Pilih bahasa / Choose a language:',
  languageSet: 'Language changed to English.',
  helpBuyer:
    'How to shop: choose Shop, pick a shop, type the item number and quantity (e.g. 2 3 = item 2, three of them), then Order.\nWords that always work: menu, cancel, help, 0 (back).',
  helpShop:
    'Post goods just by typing, e.g.: beras 5kg 65rb, minyak 2L 34rb. Sold out: type "beras habis".\nAnswer a new order with 1 (accept) or 2 (reject).\nWords that always work: menu, cancel, help, 0 (back).',
  menuLanguage: 'Bahasa / Language',
  menuHelp: 'Help',
  menuSwitchRole: 'Switch role (buyer/seller)',

  buyerMenu: 'Main menu. What would you like to do?',
  menuShop: 'Shop',
  menuCart: (p: P) => `Cart (${s(p.count)} items)`,
  menuMyOrders: 'My orders',
  menuQuota: 'My quota',
  noBuyer: 'Sorry, this menu is for registered civil servants only.',
  shopsTitle: (p: P) => `Shops in your area (page ${s(p.page)}/${s(p.pages)}). Pick a shop:`,
  shopsNone: 'Sorry, no shop can serve your area right now. Please try again later.',
  shopLine: (p: P) => (p.area ? `${s(p.name)} — ${s(p.area)}` : s(p.name)),
  optNext: 'Next page',
  optPrev: 'Previous page',
  shopUnavailable: 'Sorry, that shop cannot take orders from your area right now.',
  notAddedToCart: 'That item was not put in your cart.',
  productsTitle: (p: P) => `${s(p.shop)}. Type an item number, or number and quantity (e.g. 2 3):`,
  productsNone: (p: P) => `${s(p.shop)} has no goods available yet.`,
  productLine: (p: P) => `${s(p.name)}${p.unit ? ` ${s(p.unit)}` : ''} — ${money(p.price)}`,
  optViewCart: 'View cart & order',
  askQuantity: (p: P) =>
    `How many ${s(p.name)}${p.unit ? ` ${s(p.unit)}` : ''} (${money(p.price)})? Type the number, e.g. 2.`,
  badQuantity: (p: P) => `Sorry, the quantity must be a number from 1 to ${s(p.max)}. Type the number, e.g. 2.`,
  productGone: 'Sorry, that item is no longer available.',
  added: (p: P) => `Added to cart: ${s(p.quantity)} × ${s(p.name)}.`,
  quantityChanged: (p: P) => `${s(p.name)} changed to ${s(p.quantity)}.`,
  cartReplaced: 'The cart from the previous shop was emptied: one order goes to one shop.',
  cartFull: (p: P) => `A cart holds at most ${s(p.max)} different items.`,
  cartEmpty: 'Your cart is empty.',
  cartTitle: (p: P) => `Cart — ${s(p.shop)}:`,
  cartLine: (p: P) => `${s(p.quantity)} × ${s(p.name)}${p.unit ? ` ${s(p.unit)}` : ''} = ${money(p.subtotal)}`,
  cartTotal: (p: P) => `Total: ${money(p.total)}`,
  optCheckout: 'Order now',
  optAddMore: 'Add items',
  optChangeQty: 'Change a quantity',
  optRemove: 'Remove an item',
  optClearCart: 'Empty the cart',
  pickLineSet: 'Which item should change?',
  pickLineRemove: 'Which item should go?',
  removed: (p: P) => `${s(p.name)} removed from the cart.`,
  cleared: 'Cart emptied.',
  askFulfilment: 'Delivered, or will you pick it up?',
  optDelivery: 'Deliver to my address',
  optPickup: 'I will pick it up',
  askNote: 'Any note for the shop (delivery address, landmark, message)? Type it, or type - for none.',
  noteTooLong: 'A note is at most 500 characters. Please type a shorter one.',
  confirmOrder: 'Please check your order:',
  fulfilmentName: (p: P) => (p.fulfilment === 'pickup' ? 'Pick-up' : 'Delivery'),
  noteLine: (p: P) => `Note: ${s(p.note)}`,
  optPlace: 'Yes, place the order',
  optEditCart: 'Change the cart',
  placed: (p: P) =>
    `Order ${s(p.code)} sent to ${s(p.shop)}. Total ${money(p.total)}. We will tell you when the shop answers.`,
  placeInvalid: 'Sorry, the order could not be sent: an item is no longer sold. Please check your cart.',
  ordersTitle: 'Your orders (newest first):',
  ordersNone: 'You have no orders yet.',
  orderLine: (p: P) => `${s(p.code)} · ${s(p.shop)} · ${money(p.total)} · ${s(p.status)}`,
  orderDetail: (p: P) =>
    `Order ${s(p.code)} — ${s(p.shop)}\nStatus: ${s(p.status)}\n${s(p.items)}\nTotal: ${money(p.total)} (${s(p.fulfilment)})`,
  optCancelOrder: 'Cancel the order',
  optReceived: 'I have received it',
  confirmCancel: (p: P) => `Cancel order ${s(p.code)}?`,
  optYesCancel: 'Yes, cancel',
  optNo: 'No',
  orderCancelled: (p: P) => `Order ${s(p.code)} cancelled.`,
  receivedThanks: (p: P) => `Thank you! Order ${s(p.code)} is recorded as received.`,
  askReceived: (p: P) => `Have you received order ${s(p.code)}?`,
  optNotYet: 'Not yet',
  notYetOk: 'OK. Reply again when the goods arrive.',
  orderAlready: (p: P) => `Order ${s(p.code)} is now: ${s(p.status)}.`,
  quota: (p: P) =>
    `Spending quota ${s(p.period)}\nSpent: ${money(p.spent)} of at least ${money(p.minimum)}\n${s(p.bar)}\nIn progress: ${money(p.held)}\nDays left: ${s(p.days)}`,

  shopMenu: (p: P) => `${s(p.shop)} — seller menu. You can also type goods directly, e.g. beras 5kg 65rb.`,
  menuPost: 'Post / update goods',
  menuShopOrders: 'Incoming orders',
  menuRevenue: 'Revenue this month',
  menuPayment: 'Change payment details',
  noShop: 'Sorry, this menu is for registered sellers only.',
  askPosting:
    'Type goods and prices, e.g.: beras 5kg 65rb, minyak 2L 34rb. You can also send a photo with a caption. Sold out: type "beras habis".',
  postingNone: 'Sorry, I could not read any goods. Example: beras 5kg 65rb, minyak 2L 34rb.',
  postingEcho: 'This is what I read:',
  postingNew: (p: P) =>
    `${s(p.name)}${p.unit ? ` ${s(p.unit)}` : ''} — ${money(p.price)}${p.stock !== null && p.stock !== undefined ? `, stock ${s(p.stock)}` : ''} (new)`,
  postingUpdate: (p: P) =>
    `${s(p.name)}${p.unit ? ` ${s(p.unit)}` : ''} — ${money(p.price)}${p.stock !== null && p.stock !== undefined ? `, stock ${s(p.stock)}` : ''} (updated)`,
  postingOut: (p: P) => `${s(p.name)} — SOLD OUT`,
  postingNoPrice: (p: P) => `${s(p.name)}: no price yet`,
  postingUnknown: (p: P) => `${s(p.name)}: not in your goods yet, cannot mark it sold out`,
  postingUnreadable: (p: P) => `Could not read: ${s(p.text)}`,
  postingAsk: 'Is this right?',
  optYesSave: 'Yes, save',
  optEdit: 'Change',
  postingSaved: (p: P) => `Saved: ${s(p.count)} items updated.`,
  postingNothing: 'There is nothing to save. Please type again, e.g. beras 5kg 65rb.',
  shopOrdersTitle: 'Orders in progress:',
  shopOrdersNone: 'No orders in progress.',
  shopOrderLine: (p: P) => `${s(p.code)} · ${money(p.total)} · ${s(p.status)}`,
  shopOrderDetail: (p: P) =>
    `Order ${s(p.code)} from ${s(p.buyer)}\nStatus: ${s(p.status)}\n${s(p.items)}\nTotal: ${money(p.total)} (${s(p.fulfilment)})${p.note ? `\nNote: ${s(p.note)}` : ''}`,
  optAccept: 'Accept',
  optReject: 'Reject',
  optDelivered: 'Delivered / picked up',
  optPaid: 'Payment received',
  accepted: (p: P) => `Order ${s(p.code)} accepted. The buyer has been told.`,
  askRejectReason: (p: P) => `Why is order ${s(p.code)} rejected? Pick a number or type the reason.`,
  reasonStock: 'Out of stock',
  reasonClosed: 'The shop is closed',
  reasonFar: 'The address is too far',
  reasonBusy: 'No time to serve it',
  rejected: (p: P) => `Order ${s(p.code)} rejected. The buyer has been told.`,
  markedDelivered: (p: P) => `Order ${s(p.code)} recorded as delivered. The buyer is asked to confirm.`,
  markedPaid: (p: P) => `Payment for order ${s(p.code)} recorded.`,
  completedNote: (p: P) => `Order ${s(p.code)} is complete.`,
  revenue: (p: P) =>
    `Revenue ${s(p.period)}: ${money(p.revenue)} of ${money(p.cap)}\n${s(p.bar)}\nIn progress: ${money(p.held)}`,
  askPayment: (p: P) =>
    `Current payment details: ${s(p.current) || '(none yet)'}\nType the new details, e.g. Transfer BRI 0123456 a.n. Nyomi / QRIS / cash.`,
  paymentSaved: (p: P) => `Payment details saved: ${s(p.text)}`,
  ownerOnly: 'Sorry, only the shop owner can change the payment details.',

  status: {
    submitted: 'waiting to be processed',
    reserved: 'waiting for the shop',
    accepted: 'accepted by the shop',
    delivered: 'delivered',
    completed: 'completed',
    refused: 'could not be processed',
    rejected: 'rejected by the shop',
    cancelled: 'cancelled',
    expired: 'expired',
  },

  refusal: {
    shop_cap: 'this shop has reached its revenue cap for the month. Please choose another shop.',
    buyer_max: 'your spending this month has reached the maximum.',
    order_max: 'the order total is above the per-order maximum. Please order less.',
    out_of_stock: 'an item is out of stock.',
    shop_closed: 'the shop is closed.',
    shop_unverified: 'the shop has not been verified by the Cooperatives Office yet.',
    outside_area: 'the shop is outside your shopping area.',
  },

  rejectReason: {
    stock: 'out of stock',
    closed: 'the shop is closed',
    far: 'the address is too far',
    busy: 'the shop had no time to serve it',
  },

  notice: {
    'admin.login_code': (p: P) =>
      `🔐 Your peken dashboard sign-in code: ${s(p.code)}\nValid for 5 minutes, once. Do not give this code to anyone; peken staff never ask for it.`,
    'order.new': (p: P) =>
      `🛒 New order ${s(p.code)}\n${s(p.items)}\nTotal: ${money(p.total)} (${p.fulfilment === 'pickup' ? 'pick-up' : 'delivery'})${p.address ? `\nDeliver to: ${s(p.address)}` : ''}${p.note ? `\nNote: ${s(p.note)}` : ''}\nReply 1 to accept, 2 to reject.`,
    'order.reminder': (p: P) =>
      `⏰ Order ${s(p.code)} (${money(p.total)}) has no answer yet. Reply 1 to accept, 2 to reject.`,
    'order.refused': (p: P) => `Sorry, order ${s(p.code)} could not be processed: ${s(p.reasonText)}`,
    'order.accepted': (p: P) => `${acceptedNoticeEn(p)}${languageTextsEn.orderShopNote(p)}`,
    'order.rejected': (p: P) =>
      `Sorry, order ${s(p.code)} was rejected by the shop${p.reasonText ? `: ${s(p.reasonText)}` : '.'}`,
    'order.cancelled': (p: P) => `Order ${s(p.code)} (${money(p.total)}) was cancelled by the buyer.`,
    'order.delivered': (p: P) => `📦 The shop says order ${s(p.code)} was delivered. Have you received it?`,
    'order.received': (p: P) => `The buyer confirmed order ${s(p.code)} was received. Remember to record the payment.`,
    'order.completed': (p: P) =>
      `Order ${s(p.code)} is complete (${money(p.total)}). Thank you for shopping locally!\n\n${settleEn.receipt(p)}`,
    'order.completed_shop': (p: P) =>
      `Order ${s(p.code)} is complete. ${money(p.total)} added to this month's revenue.\n\n${settleEn.receipt(p)}`,
    'order.expired': (p: P) =>
      `Sorry, order ${s(p.code)} was cancelled because the shop did not answer. Please order from another shop.`,
    'order.expired_shop': (p: P) => `Order ${s(p.code)} (${money(p.total)}) expired without an answer.`,
    // Issue 14: deadline steps and opening hours (deadlines.en.ts)
    ...deadlineNoticesEn,

    ...settleEn.settleNotice,
  },
  noticeGeneric: (p: P) => `There is news${p.code ? ` about order ${s(p.code)}` : ''}. Type menu to see it.`,
  optYesReceived: 'Received',

  ...deadlineTextsEn,
  ...settleEn,
  // Issue 13 (pay): address, contacts, QRIS.
  ...paymentEn,
  // issue 15: understanding people
  ...languageTextsEn,
  // Issue 14 (reach): greetings, batal, reachable shops, replies to the right order
  ...reach,
  // Issue 14, item 2: a shop's invitation, and the re-check at checkout
  ...invite,
  // Issue 20 (spread): listing reasons, nudges
  ...spreadEn,
};
