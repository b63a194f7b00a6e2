import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { SettingsService } from '../settings/settings.service.js';
import { periodOf } from '../shared/period.js';
import type { Clock } from '../shared/clock.js';
import type { SimShop } from './city.js';

export type ListingOrder = 'fair' | 'alphabetical';

/**
 * The direct driver's listing, mirroring the brief's rule: the buyer's area, shops at their cap left out,
 * and either least-earning-first (held + committed this month, then name) or plain alphabetical. The engine
 * driver uses the chat's own listing instead.
 */
export function createSimListing(deps: { db: Db; clock: Clock; settings: SettingsService; order: ListingOrder }) {
  return async function list(shops: readonly SimShop[]): Promise<SimShop[]> {
    if (shops.length === 0) return [];
    const period = periodOf(deps.clock.now());
    const defaultCap = await deps.settings.get('shop_monthly_cap');
    const rows = await deps.db
      .selectFrom('shops')
      .leftJoin('ledger_balances', (j) => j.on('ledger_balances.account', '=', sql`'shop:' || shops.id`).on('ledger_balances.period', '=', period))
      .select(['shops.id', 'shops.cap_override', sql<number>`coalesce(ledger_balances.held, 0) + coalesce(ledger_balances.committed, 0)`.as('used')])
      .where('shops.id', 'in', shops.map((s) => s.id))
      .execute();
    const used = new Map(rows.map((r) => [r.id, { used: Number(r.used), cap: r.cap_override ?? defaultCap }]));
    const open = shops.filter((s) => {
      const u = used.get(s.id);
      return u !== undefined && u.used < u.cap;
    });
    const byName = (a: SimShop, b: SimShop) => a.name.localeCompare(b.name, 'id') || a.id - b.id;
    return deps.order === 'fair' ? open.sort((a, b) => used.get(a.id)!.used - used.get(b.id)!.used || byName(a, b)) : open.sort(byName);
  };
}
