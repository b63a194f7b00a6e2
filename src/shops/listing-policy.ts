import { kecamatanOf } from '../areas/area-policy.js';

/**
 * The ranking rules of the buyer's shop listing, one per value of the setting `listing_policy`. Pure: the
 * listing service fetches the candidates (orderable shops of the buyer's area, with their month) and asks
 * the chosen policy for the order and for why each shop stands where it does.
 *
 * - `least_earning`: the first rule (issue 3): held + committed this month, ascending, then name.
 * - `fair_share`: how far each shop is below a fair share of the month (issue 20), then nearness.
 * - `alphabetical`: by name only; the baseline of the simulation's comparison, not for production.
 *
 * No policy ranks a shop closed by its owner: it takes no order (the listing service shows it after the
 * ranked shops, with when it opens again, as issue 14 asks); an unreachable one is not a candidate at all.
 * A shop that let several orders expire unanswered lately goes after the shops that answer.
 */
export const LISTING_POLICIES = ['least_earning', 'fair_share', 'alphabetical'] as const;
export type ListingPolicy = (typeof LISTING_POLICIES)[number];

export interface ListingCandidate {
  id: number;
  name: string;
  kelurahanCode: string;
  /** Held + committed on the shop's account this month (rupiah). */
  used: number;
  cap: number;
  /** Closed by its owner right now: never ranked, takes no order. */
  closed: boolean;
  /** Let several orders expire unanswered lately (listing.repository UNANSWERED_LIMIT). */
  unanswered: boolean;
}

/**
 * Why a shop stands where it does, said to the buyer in a few words (the chat's texts render it):
 * `no_orders_yet` nothing this month; `below_share` well below a fair share of the month; `near` in the
 * buyer's own kelurahan. Null: nothing worth saying.
 */
export type ListingReason = 'no_orders_yet' | 'below_share' | 'near' | null;

export interface RankedShop<C extends ListingCandidate = ListingCandidate> {
  shop: C;
  reason: ListingReason;
}

/**
 * A shop at or under this fraction of the area's fair share is "far below" it: it goes before every shop
 * closer to its share, whatever the distance. Half: a shop at 40 % of its share after two weeks has lost a
 * week of orders, which is what the ranking must make up; one at 90 % is as good as there.
 */
export const FAR_BELOW = 0.5;

/** Where the shop's month stands against the fair share: 0 far below, 1 below, 2 at or above. */
export type ShareBand = 0 | 1 | 2;

/**
 * The fair share of the month in the buyer's area: the median of the listed shops' fill (used ÷ cap). The
 * median and not the mean, so that one shop that ran far ahead does not make everyone else look poor, and
 * against the cap so that a shop with a lower cap (an override) is judged by the room it has.
 */
export function fairShare(candidates: readonly ListingCandidate[]): number {
  const fills = candidates.map(fill).sort((a, b) => a - b);
  if (fills.length === 0) return 0;
  const mid = fills.length >> 1;
  return fills.length % 2 ? fills[mid]! : (fills[mid - 1]! + fills[mid]!) / 2;
}

const fill = (c: ListingCandidate) => (c.cap > 0 ? c.used / c.cap : 1);

export function shareBand(c: ListingCandidate, share: number): ShareBand {
  const f = fill(c);
  if (c.used === 0 || f <= share * FAR_BELOW) return 0;
  return f < share ? 1 : 2;
}

/** 0 same kelurahan as the buyer's home, 1 same kecamatan, 2 farther (city-wide policy). */
export function nearness(c: ListingCandidate, home: string): 0 | 1 | 2 {
  if (c.kelurahanCode === home) return 0;
  return kecamatanOf(c.kelurahanCode) === kecamatanOf(home) ? 1 : 2;
}

/** By name as SQLite's BINARY collation orders (the order the listing had when it was SQL), then id. */
export const byName = (a: { name: string; id: number }, b: { name: string; id: number }) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id;

/**
 * Orders the open candidates under `policy` for a buyer whose home kelurahan is `home`, each with its
 * reason. Closed candidates are left out (see above).
 */
export function rankShops<C extends ListingCandidate>(
  policy: ListingPolicy,
  all: readonly C[],
  home: string,
): RankedShop<C>[] {
  const candidates = all.filter((c) => !c.closed);
  switch (policy) {
    case 'alphabetical':
      return [...candidates].sort(byName).map((shop) => ({ shop, reason: null }));
    case 'least_earning':
      return [...candidates]
        .sort((a, b) => Number(a.unanswered) - Number(b.unanswered) || a.used - b.used || byName(a, b))
        .map((shop) => ({ shop, reason: shop.used === 0 && !shop.unanswered ? 'no_orders_yet' : null }));
    case 'fair_share': {
      // The share is judged among the shops that take orders now: a closed one would drag the median down.
      const share = fairShare(candidates);
      const band = new Map(candidates.map((c) => [c.id, shareBand(c, share)]));
      // A shop that does not answer goes after those that do, except one that has nothing at all this month:
      // it keeps its band and goes after the answering shops of its band and distance. Put last, such a shop
      // would never earn (its orders expire, it stays unanswered), and helping every shop is the point.
      const demoted = (c: C) => c.unanswered && c.used > 0;
      return [...candidates]
        .sort(
          (a, b) =>
            Number(demoted(a)) - Number(demoted(b)) ||
            band.get(a.id)! - band.get(b.id)! ||
            nearness(a, home) - nearness(b, home) ||
            Number(a.unanswered) - Number(b.unanswered) ||
            fill(a) - fill(b) ||
            byName(a, b),
        )
        .map((shop) => ({ shop, reason: reasonOf(shop, band.get(shop.id)!, home) }));
    }
  }
}

function reasonOf(c: ListingCandidate, band: ShareBand, home: string): ListingReason {
  if (c.unanswered) return null;
  if (c.used === 0) return 'no_orders_yet';
  if (band === 0) return 'below_share';
  return nearness(c, home) === 0 ? 'near' : null;
}
