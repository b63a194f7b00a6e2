import { formatRupiah as rp } from '../../../src/shared/money.js';
import type { settleId } from './settle.id.js';

// Issue 13 (settle): the English side of settle.id.ts, same keys.
type P = Readonly<Record<string, string | number | null | undefined>>;
const s = (v: P[string]): string => (v === null || v === undefined ? '' : String(v));
const money = (v: P[string]): string => (typeof v === 'number' ? rp(v) : s(v));
const METHOD: Record<string, string> = { qris: 'QRIS', transfer: 'transfer', cash: 'cash' };
const method = (v: P[string]): string => METHOD[s(v)] ?? '';
const wib = (v: P[string]): string =>
  v
    ? `${new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Jakarta', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(s(v)))} WIB`
    : '';

const receipt = (p: P): string =>
  [
    `🧾 Receipt ${s(p.code)}`,
    `Shop: ${s(p.shop)}`,
    `Buyer: ${s(p.buyer)}`,
    s(p.receiptItems),
    `Total: ${money(p.total)}`,
    `Paid: ${method(p.method) || 'confirmed by the shop'}`,
    `Time: ${wib(p.receiptAt)}`,
  ].join('\n');

export const settleEn: typeof settleId = {
  optPaidClaim: 'I have paid',
  askPaidMethod: (p: P) => `Order ${s(p.code)}, total ${money(p.total)}. How did you pay?`,
  methodQris: 'QRIS',
  methodTransfer: 'Transfer (bank / e-wallet)',
  methodCash: 'Cash',
  askReceipt: (p: P) => `Send a photo of the payment receipt for order ${s(p.code)} now (optional).`,
  optSkipReceipt: 'Skip, no photo',
  paidClaimed: (p: P) =>
    `Thank you! Payment for order ${s(p.code)} (${money(p.total)}${method(p.method) ? `, ${method(p.method)}` : ''}) recorded. The shop is asked to confirm.`,
  paidClaimedDone: (p: P) => `Thank you! Payment recorded and order ${s(p.code)} is complete.`,
  alreadyClaimed: (p: P) =>
    `You already reported paying for order ${s(p.code)} on ${wib(p.at)}. No need to report again; the shop is asked to confirm.`,
  paidNotPayable: (p: P) => `Order ${s(p.code)} is ${s(p.status)}, so there is nothing to pay or report.`,
  paidNothingWaiting: 'None of your orders is waiting for payment.',
  paidPickOrder: 'Several orders are not reported paid yet. Pick the order, then "I have paid".',
  paymentStated: (p: P) =>
    `Payment: you reported paying${method(p.method) ? ` (${method(p.method)})` : ''} on ${wib(p.at)}.`,
  optYesPaid: 'Yes, I paid',
  optNotPaid: 'Not paid',
  notPaidNoted: (p: P) =>
    `Noted: you have not paid for order ${s(p.code)}, although the shop recorded the money as received. An admin will review this order.`,

  optMoneyReceived: 'Money received',
  optMoneyNotReceived: 'Not received',
  buyerPaidLine: (p: P) =>
    `The buyer reported paying${method(p.method) ? ` (${method(p.method)})` : ''} on ${wib(p.at)}${p.receipt ? ', with a receipt photo' : ''}.`,
  notReceivedNoted: (p: P) =>
    `Noted: the money for order ${s(p.code)} has not arrived. An admin will review this order; the buyer has been told.`,
  disputeNoted: (p: P) => `Order ${s(p.code)} is being reviewed by an admin.`,

  settleNotice: {
    'order.buyer_paid': (p: P) =>
      `💰 The buyer says they paid ${money(p.total)} for order ${s(p.code)}${method(p.method) ? ` (${method(p.method)})` : ''}${p.receipt ? '. Receipt photo attached' : ''}. Has it arrived?\n1 yes  2 not yet`,
    'order.shop_paid': (p: P) =>
      `The shop recorded ${money(p.total)} for order ${s(p.code)} as received. Did you pay?\n1 yes  2 not yet`,
    'order.disputed': (p: P) =>
      `⚠️ The shop says the money for order ${s(p.code)} (${money(p.total)}) has not arrived. An admin will review; keep your payment receipt.`,
    'order.disputed_shop': (p: P) =>
      `⚠️ The buyer says they have not paid for order ${s(p.code)} (${money(p.total)}), although it is recorded as received. An admin will review.`,
    'order.resolved_cancelled': (p: P) =>
      `Order ${s(p.code)} (${money(p.total)}) was cancelled by an admin: ${s(p.reason)}`,
  },
  kuitansiCaption: (p: P) =>
    `📄 Receipt (kuitansi) for order ${s(p.code)} (${money(p.total)}) with the handover record, for your SPJ.`,
  receipt,
};
