import type { spreadId } from './spread.id.js';

type P = Readonly<Record<string, string | number | null | undefined>>;
const s = (v: P[string]): string => (v === null || v === undefined ? '' : String(v));

/** Texts of issue 20 (English): see spread.id.ts. */
export const spreadEn: typeof spreadId = {
  listingReason: {
    no_orders_yet: 'no orders at this shop yet this month',
    below_share: 'this shop has had few orders this month',
    near: 'near you: same kelurahan',
  },
  nudgeText: (p: P) =>
    `${s(p.shop)} already has many orders this month. ${s(p.alt)}${p.area ? ` (${s(p.area)})` : ''} also sells ${s(p.goods)} and has had few orders. ` +
    'Would you like to try it? You may also stay with the shop you chose.',
  nudgeTry: (p: P) => `Try ${s(p.alt)}`,
  nudgeStay: (p: P) => `Stay with ${s(p.shop)}`,
  placeShareCapped: (p: P) =>
    `Sorry, the order was not placed: so that the city's spending spreads, at most ${s(p.percent)}% of your monthly shopping may go to one shop, and this order would pass that at ${s(p.shop)}.` +
    (p.room ? ` You can still spend ${s(p.room)} at ${s(p.shop)} this month.` : '') +
    (p.alternatives ? ` Try another shop near you: ${s(p.alternatives)}.` : '') +
    ' Your cart is kept.',
};
