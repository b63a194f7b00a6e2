import type { Db } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import { gini, lorenz } from '../shared/gini.js';
import { jakartaDate } from '../shared/jakarta-time.js';
import { periodEnd, periodStart } from '../shared/period.js';
import { dailyCommits, spreadShops, type SpreadShopRow } from './spread.repository.js';

/** How evenly the month's money spread over the verified shops (issue 20): dashboard, API, monthly report. */
export interface Spread {
  period: string;
  /** Gini of the shops' revenue (commit entries), zeros included: 0 everyone equal, 1 one shop took all. */
  gini: number;
  shops: number;
  revenue: number;
  /** The Lorenz curve of the same revenues, from (0, 0) to (1, 1). */
  lorenz: [number, number][];
  byKecamatan: { code: string; name: string; shops: number; revenue: number; gini: number }[];
  /** Shops that no order reached this month (no hold entry), with who could answer for them. */
  noOrderYet: {
    shopId: number;
    code: string;
    name: string;
    kecamatan: string;
    reachable: boolean;
    channels: string[];
  }[];
  /** The Gini of the revenue committed up to the end of each day of the month (WIB), up to today. */
  trend: { date: string; gini: number }[];
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export function createSpreadService(deps: { db: Db; clock: Clock }) {
  const { db } = deps;
  return {
    async spread(period: string): Promise<Spread> {
      const [shops, commits] = await Promise.all([spreadShops(db, period), dailyCommits(db, period)]);
      const revenues = shops.map((s) => s.committed);
      const kecamatan = new Map<string, SpreadShopRow[]>();
      for (const s of shops) kecamatan.set(s.kecamatanCode, [...(kecamatan.get(s.kecamatanCode) ?? []), s]);
      return {
        period,
        gini: round4(gini(revenues)),
        shops: shops.length,
        revenue: revenues.reduce((a, b) => a + b, 0),
        lorenz: lorenz(revenues).map(([x, y]) => [round4(x), round4(y)]),
        byKecamatan: [...kecamatan.values()]
          .map((rows) => ({
            code: rows[0]!.kecamatanCode,
            name: rows[0]!.kecamatanName,
            shops: rows.length,
            revenue: rows.reduce((a, r) => a + r.committed, 0),
            gini: round4(gini(rows.map((r) => r.committed))),
          }))
          .sort((a, b) => b.gini - a.gini || a.name.localeCompare(b.name)),
        noOrderYet: shops
          .filter((s) => s.orders === 0)
          .map((s) => ({
            shopId: s.shopId,
            code: s.code,
            name: s.name,
            kecamatan: s.kecamatanName,
            reachable: s.channels.length > 0,
            channels: s.channels,
          })),
        trend: trendOf(period, shops, commits, deps.clock.now()),
      };
    },
  };
}

/**
 * Day by day: the revenue committed up to the end of each day (by the day the commit was made), over the
 * same shops. Commits made after the month's end (an order of the month completed on the 1st) count in the
 * month's figures but fall outside its days.
 */
function trendOf(
  period: string,
  shops: readonly SpreadShopRow[],
  commits: readonly { shopId: number; day: string; amount: number }[],
  now: Date,
) {
  const index = new Map(shops.map((s, i) => [s.shopId, i]));
  const last = Math.min(periodEnd(period).getTime() - 1, now.getTime());
  const days: string[] = [];
  for (let t = periodStart(period).getTime(); t <= last; t += 86_400_000) days.push(jakartaDate(new Date(t)).date);
  const byDay = new Map<string, { shopId: number; amount: number }[]>();
  for (const c of commits) byDay.set(c.day, [...(byDay.get(c.day) ?? []), c]);
  const cumulative = shops.map(() => 0);
  return days.map((date) => {
    for (const c of byDay.get(date) ?? []) {
      const i = index.get(c.shopId);
      if (i !== undefined) cumulative[i]! += c.amount;
    }
    return { date, gini: round4(gini(cumulative)) };
  });
}

export type SpreadService = ReturnType<typeof createSpreadService>;
