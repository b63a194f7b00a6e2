import { formatRupiah as rp } from '../../../src/shared/money.js';
import type { deadlineNoticesId, deadlineTextsId } from './deadlines.id.js';

type P = Readonly<Record<string, string | number | null | undefined>>;
const s = (v: P[string]): string => (v === null || v === undefined ? '' : String(v));
const money = (v: P[string]): string => (typeof v === 'number' ? rp(v) : s(v));
const day = (date: P[string]): string => {
  const d = s(date);
  return /^\d{4}-\d{2}-\d{2}$/.test(d) ? ` on the ${Number(d.slice(8))}th` : '';
};

/** Issue 14 (deadlines and opening hours): the same keys as deadlines.id.ts, in English. */
export const deadlineNoticesEn: typeof deadlineNoticesId = {
  'order.deliver_reminder': (p: P) =>
    `⏰ Order ${s(p.code)} (${money(p.total)}) was accepted but is not recorded as delivered. Once it is delivered, choose "Delivered" under Incoming orders.`,
  'order.ask_received': (p: P) =>
    `The shop accepted order ${s(p.code)} (${money(p.total)}). Have the goods arrived?\nReply 1 if yes, 2 if not yet.`,
  'order.expired_undelivered': (p: P) =>
    `Sorry, order ${s(p.code)} was cancelled because the shop did not deliver it. Your quota was not used; please order again.`,
  'order.expired_undelivered_shop': (p: P) =>
    `Order ${s(p.code)} (${money(p.total)}) was cancelled because it was not delivered. If it was in fact delivered, contact the city office.`,
  'order.cancelled_not_received': (p: P) =>
    `The buyer cancelled order ${s(p.code)} (${money(p.total)}) because the goods did not arrive.`,
  'order.payment_reminder': (p: P) =>
    `⏰ Order ${s(p.code)} (${money(p.total)}) was delivered but its payment is not recorded. Please pay the shop.`,
  'order.payment_reminder_shop': (p: P) =>
    `⏰ The payment of order ${s(p.code)} (${money(p.total)}) is not recorded. If you received the money, choose "Payment received" under Incoming orders.`,
  'order.review': (p: P) =>
    `The payment of order ${s(p.code)} is not recorded, so the order was passed to the city office for review. They will contact you if needed.`,
  'order.review_shop': (p: P) =>
    `The payment of order ${s(p.code)} (${money(p.total)}) is not recorded, so the order was passed to the city office for review.`,
  'order.waits_for_opening': (p: P) =>
    `🕕 The shop is outside its opening hours. Order ${s(p.code)} will be answered once it opens${day(p.opensDate)} at ${s(p.opensTime)}.`,
};

export const deadlineTextsEn: typeof deadlineTextsId = {
  optNotReceived: 'Not arrived yet',
  notReceivedOffer: (p: P) => `Sorry, order ${s(p.code)} has not arrived. Cancel it? Your quota will not be used.`,
  menuCloseShop: 'Close the shop now',
  menuOpenShop: 'Open the shop now',
  shopHoursLine: (p: P) => `Opening hours ${s(p.open)}–${s(p.close)}. ${s(p.state)}`,
  shopStateOpen: 'Now: open.',
  shopStateClosedUntil: (p: P) => `Now: closed, opens again${day(p.date)} at ${s(p.time)}.`,
  shopStateClosed: 'Now: closed until you type "buka" (open).',
  shopClosedNow: 'Done, the shop is closed. Buyers cannot order until you type "buka" or choose "Open the shop now".',
  shopClosedUntil: (p: P) =>
    `Done, the shop is closed and opens again${day(p.date)} at ${s(p.time)}. New orders can come in from then.`,
  shopHoliday: (p: P) => `Done, the shop is closed${day(p.date)}. Buyers cannot order that day.`,
  shopOpenedNow: 'Done, the shop is open. Buyers can order again.',
  shopOpenedOutside: (p: P) =>
    `Done, the shop is marked open. Opening hours ${s(p.open)}–${s(p.close)}; orders outside them wait until opening time.`,
  shopHoursSet: (p: P) => `Done, the shop's opening hours are now ${s(p.open)}–${s(p.close)}.`,
  shopHoursBad: 'Sorry, opening and closing time cannot be the same. Example: "buka jam 7" or "jam buka 07.00-20.00".',
  shopHoursHelp:
    'Shop: type "tutup" (close), "buka" (open), "tutup sampai besok", "libur tanggal 17", or "buka jam 7".',
  shopOpensLater: (p: P) => `opens${day(p.date)} ${s(p.time)}`,
  shopClosedListed: 'closed',
  shopIsClosed: (p: P) =>
    `Sorry, ${s(p.shop)} is closed${p.time ? `, it opens again${day(p.date)} at ${s(p.time)}` : ''}. Please choose another shop.`,
};
