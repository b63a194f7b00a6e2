import { existsSync } from 'node:fs';
import type { OutboundMessage } from '../../src/chat/ports.js';
import type { State } from './session.js';
import type { Texts } from './texts/index.js';

export type NoticeParams = Record<string, string | number | null>;

/** A rendered notice, and the step its recipient's chat moves to when the notice asks a question. */
export interface RenderedNotice {
  message: OutboundMessage;
  /** Options a typed number resolves to, and what a yes/no means. */
  expects?: { state: State; options: string[]; yesNo: [string, string] };
}

/** The reason as the buyer reads it: a refusal or reject code translated, the shopkeeper's own words as written. */
function reasonText(t: Texts, template: string, reason: string | number | null | undefined): string {
  const r = reason === null || reason === undefined ? '' : String(reason);
  if (template === 'order.refused') return t.refusal[r] ?? r;
  return t.rejectReason[r] ?? r;
}

/**
 * Renders a notification template from the recipient's catalog. An unknown template gets a generic text:
 * a new event in the order service must never crash delivery.
 */
export function renderNotice(t: Texts, template: string, params: NoticeParams, orderId: string | null): RenderedNotice {
  const p = { ...params, reasonText: reasonText(t, template, params.reason) };
  const render = Object.hasOwn(t.notice, template) ? t.notice[template] : undefined;
  const text = render ? render(p) : t.noticeGeneric(p);
  if (!orderId) return { message: { text } };
  switch (template) {
    case 'order.new':
    case 'order.reminder': {
      const options = [
        { label: t.optAccept, value: `acc:${orderId}` },
        { label: t.optReject, value: `rej:${orderId}` },
      ];
      const values = options.map((o) => o.value);
      return {
        message: { text, options },
        expects: {
          state: { step: 'decide', orderId, byNotice: true },
          options: values,
          yesNo: [values[0]!, values[1]!],
        },
      };
    }
    case 'order.delivered': {
      const options = [
        { label: t.optYesReceived, value: `recv:${orderId}` },
        { label: t.optNotYet, value: 'notyet' },
      ];
      const values = options.map((o) => o.value);
      return {
        message: { text, options },
        expects: { state: { step: 'received', orderId }, options: values, yesNo: [values[0]!, values[1]!] },
      };
    }
    case 'order.ask_received': {
      // Issue 14: the accepted order's deadline asks the buyer; "belum" offers to cancel (releases the hold).
      const options = [
        { label: t.optYesReceived, value: `recv:${orderId}` },
        { label: t.optNotReceived, value: `notrecv:${orderId}` },
      ];
      const values = options.map((o) => o.value);
      return {
        message: { text, options },
        expects: { state: { step: 'received', orderId }, options: values, yesNo: [values[0]!, values[1]!] },
      };
    }
    case 'order.buyer_paid':
    case 'order.shop_paid': {
      // The shop is asked "sudah diterima?" (1 sudah, 2 belum); the buyer "benar sudah bayar?" (1 ya, 2 belum).
      const shop = template === 'order.buyer_paid';
      const options = shop
        ? [
            { label: t.optMoneyReceived, value: `paid:${orderId}` },
            { label: t.optMoneyNotReceived, value: `unpaid:${orderId}` },
          ]
        : [
            { label: t.optYesPaid, value: `spaid:${orderId}` },
            { label: t.optNotPaid, value: `nopaid:${orderId}` },
          ];
      const values = options.map((o) => o.value);
      const state: State = shop ? { step: 'shop_order', orderId } : { step: 'my_order', orderId };
      // The buyer's receipt photo goes with the question (its text the caption). A file that is gone must
      // not hold the question back: then it goes as text only.
      const receipt = shop && typeof params.receipt === 'string' && existsSync(params.receipt) ? params.receipt : null;
      const message = receipt ? { text, options, image: { kind: 'file', path: receipt } as const } : { text, options };
      return { message, expects: { state, options: values, yesNo: [values[0]!, values[1]!] } };
    }
    default:
      return { message: { text } };
  }
}
