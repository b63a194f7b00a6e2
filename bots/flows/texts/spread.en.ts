import type { spreadId } from './spread.id.js';

/** Texts of issue 20 (English): see spread.id.ts. */
export const spreadEn: typeof spreadId = {
  listingReason: {
    no_orders_yet: 'no orders at this shop yet this month',
    below_share: 'this shop has had few orders this month',
    near: 'near you: same kelurahan',
  },
};
