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
};
