import { formatRupiah as rp } from '../../../src/shared/money.js';

type P = Readonly<Record<string, string | number | null | undefined>>;
const s = (v: P[string]): string => (v === null || v === undefined ? '' : String(v));
const money = (v: P[string]): string => (typeof v === 'number' ? rp(v) : s(v));

/**
 * Texts of issue 14 (English): greetings by a neutral "Kak", what "batal" cancelled, the shop's waiting orders,
 * and "which order?" when a bare answer could mean several. Spread into the catalog (en.ts).
 */
export const reach = {
  // Greetings (issue 14, reach): `name` is already the form of address (greet.ts addressOf)
  hello: (p: P) => `Hello ${s(p.name)}! 👋`,

  // "batal" says what it cancelled (issue 14, reach)
  cancelOrder: (p: P) => `OK, the order at ${s(p.shop)} was not placed. The cart (${s(p.count)} items) is now empty.`,
  cancelNothing: 'OK. Nothing was in progress to cancel; here is the main menu.',
  cancelItem: 'OK, that item was not added to the cart.',
  cancelItemKeepCart: (p: P) => `OK, that item was not added. Your cart at ${s(p.shop)} is kept (${s(p.count)} items).`,
  cancelKeepCart: (p: P) =>
    `OK. Your cart at ${s(p.shop)} is kept (${s(p.count)} items); type cancel at the cart to empty it.`,
  cancelPosting: 'OK, posting goods was cancelled. Nothing was changed.',
  cancelDecide: 'OK, that order is not answered yet and still waits. Answer it later from Incoming orders.',
  cancelKeepOrder: 'OK, your order is not cancelled.',
  cancelPayment: 'OK, the payment details were not changed.',

  // Reachable shops (issue 14, reach)
  menuShopOrdersWaiting: (p: P) => `Incoming orders (${s(p.count)})`,
  ordersWaiting: (p: P) => `🛒 ${s(p.count)} order(s) waiting for your answer.`,

  // Replies reach the right order (issue 14, reach)
  decideWords: { accept: ['accept', 'terima', 'yes accept'], reject: ['reject', 'tolak', 'decline'] },
  whichOrder: (p: P) =>
    `${s(p.count)} orders are waiting for your answer. Which one do you want to ${p.action === 'rej' ? 'reject' : 'accept'}? Type its number, or reply to the order's message.`,
  whichOrderLine: (p: P) => `${s(p.code)} · ${s(p.buyer)} · ${money(p.total)}`,
  stillWaiting: (p: P) => `${s(p.count)} more order(s) waiting for your answer. Here is the next one:`,
};
