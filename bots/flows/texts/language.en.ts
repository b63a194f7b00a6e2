import { formatRupiah as rp } from '../../../src/shared/money.js';
import type { languageTextsId } from './language.id.js';

type P = Readonly<Record<string, string | number | null | undefined>>;
const s = (v: P[string]): string => (v === null || v === undefined ? '' : String(v));
const money = (v: P[string]): string => (typeof v === 'number' ? rp(v) : s(v));

/** Issue 15 (understanding people): the echo's questions and what buyers type, in English. */
export const languageTextsEn: typeof languageTextsId = {
  postingUnread: (p: P) =>
    `Sorry, I could not read this part: “${s(p.text)}”. Please write it again, e.g. gula 1kg 17rb.`,
  orderShopNote: (p: P) => (p.shopNote ? `\nMessage from the shop: ${s(p.shopNote)}` : ''),
  typedConfirm: (p: P) =>
    `Put ${s(p.quantity)} × ${s(p.name)}${p.unit ? ` ${s(p.unit)}` : ''} (${money(p.total)}) in the cart?`,
  optYesAdd: 'Yes, add it',
  typedPick: 'Several goods match. Choose one:',
  typedPickLine: (p: P) =>
    `${p.quantity ? `${s(p.quantity)} × ` : ''}${s(p.name)}${p.unit ? ` ${s(p.unit)}` : ''} — ${money(p.price)} · ${s(p.shop)}`,
  typedNotFound: (p: P) =>
    `Sorry, “${s(p.name)}” is not sold${p.shop ? ` at ${s(p.shop)}` : ' by the shops near you'}${p.size ? ` in the size ${s(p.size)}` : ''}.`,
  typedNotInCart: (p: P) => `“${s(p.name)}” is not in the cart.`,
  repeatConfirm: (p: P) => `Order again as in order ${s(p.code)}?\n${s(p.lines)}`,
  repeatNone: 'There is no earlier order to repeat yet.',
  repeatGone: 'The goods of that order are no longer available.',
  repeatAdded: (p: P) => `${s(p.count)} goods from order ${s(p.code)} are in the cart.`,
};
