/**
 * Issue 20's optional rule (setting `buyer_shop_share_max`, off by default): at most this share of a buyer's
 * month may go to one shop, so that a buyer who would spend it all at one favourite spreads it a little.
 * "The buyer's month" is what they are to spend (their position's minimum) or, when they spend more, what
 * they do spend (held + committed, this order included). A buyer without a minimum has no month to share out:
 * the rule leaves them alone. Pure; the listing service reads the figures and the checkout asks it.
 */
export function shareOverrun(p: {
  /** The setting: 0 < max ≤ 1. */
  max: number;
  /** The buyer's monthly minimum (quota) this month; 0 when none. */
  minimum: number;
  /** The buyer's month so far: held + committed at every shop. */
  month: number;
  /** Of that, held + committed at this shop. */
  atShop: number;
  /** The order about to be placed. */
  amount: number;
}): { room: number } | null {
  if (p.minimum <= 0) return null;
  const limit = Math.floor(p.max * Math.max(p.minimum, p.month + p.amount));
  if (p.atShop + p.amount <= limit) return null;
  // What the buyer may still spend at this shop whatever else they order: the limit on the month without this
  // order (a smaller order only lowers the month, never below that).
  return { room: Math.max(0, Math.floor(p.max * Math.max(p.minimum, p.month)) - p.atShop) };
}
