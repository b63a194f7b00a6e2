import { fairShare, nearness, shareBand, type ListingCandidate } from './listing-policy.js';

/**
 * A shop "far above its share": its month's fill (used ÷ cap) is at least this many times the area's fair
 * share. Twice: a shop at the median is where the ranking wants every shop, one at double it takes the
 * orders of another shop of the area.
 */
export const FAR_ABOVE = 2;

/**
 * The gentle nudge of issue 20: when a buyer goes back to a shop far above its share, a comparable shop of
 * the same area, far below its share, that has some of the same goods, nearest first. Null when the shop
 * is not far above its share or nothing comparable is near. Pure; `goodsOf` holds, per other shop, the
 * goods it shares with the shop.
 */
export function pickAlternative<C extends ListingCandidate>(
  candidates: readonly C[],
  shopId: number,
  home: string,
  goodsOf: ReadonlyMap<number, readonly string[]>,
): { shop: C; alternative: C; goods: readonly string[] } | null {
  const open = candidates.filter((c) => !c.closed);
  const shop = open.find((c) => c.id === shopId);
  const share = fairShare(open);
  if (!shop || share === 0 || shop.used / shop.cap < FAR_ABOVE * share) return null;
  const alternatives = open
    .filter(
      (c) => c.id !== shopId && !c.unanswered && shareBand(c, share) === 0 && (goodsOf.get(c.id)?.length ?? 0) > 0,
    )
    .sort((a, b) => nearness(a, home) - nearness(b, home) || a.used / a.cap - b.used / b.cap || a.id - b.id);
  const alternative = alternatives[0];
  return alternative ? { shop, alternative, goods: goodsOf.get(alternative.id)! } : null;
}
