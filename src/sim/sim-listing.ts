import type { Db } from '../db/database.js';
import type { SettingsService } from '../settings/settings.service.js';
import { rankShops, type ListingPolicy } from '../shops/listing-policy.js';
import { periodOf } from '../shared/period.js';
import type { Clock } from '../shared/clock.js';
import type { SimBuyer, SimShop } from './city.js';
import { shopsMonthUse } from './sim.repository.js';

/**
 * The direct driver's listing: the buyer's area, shops at their cap left out, ranked by the same policy
 * module as the chat's listing (src/shops/listing-policy.ts). It skips what the direct driver does not
 * model (linked chats, opening hours, unanswered orders). The engine driver uses the chat's own listing.
 */
export function createSimListing(deps: { db: Db; clock: Clock; settings: SettingsService; policy: ListingPolicy }) {
  return async function list(buyer: SimBuyer, shops: readonly SimShop[]): Promise<SimShop[]> {
    if (shops.length === 0) return [];
    const period = periodOf(deps.clock.now());
    const defaultCap = await deps.settings.get('shop_monthly_cap');
    const rows = await shopsMonthUse(
      deps.db,
      period,
      shops.map((s) => s.id),
    );
    const used = new Map(rows.map((r) => [r.id, { used: Number(r.used), cap: r.cap_override ?? defaultCap }]));
    const open = shops.flatMap((s) => {
      const u = used.get(s.id);
      return u !== undefined && u.used < u.cap
        ? [{ ...s, kelurahanCode: s.kelurahan, used: u.used, cap: u.cap, closed: false, unanswered: false }]
        : [];
    });
    return rankShops(deps.policy, open, buyer.home).map((r) => r.shop);
  };
}
