import type { BuyerComplianceRow, ComplianceRow, ShopCapRow } from './report.types.js';
import { gini } from '../shared/gini.js';
import type { MayorDay, MayorOpd, MayorSpread, MayorView, RevenueBand } from './mayor.types.js';
import type { SpreadShopRow } from './spread.repository.js';

/** How many OPD the top and bottom lists show. */
export const OPD_LIST = 5;

/** Every WIB date of a period 'YYYY-MM'. */
export function daysOf(period: string): string[] {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const n = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: n }, (_, i) => `${period}-${String(i + 1).padStart(2, '0')}`);
}

/**
 * Puts a day outside the month on the month's edge: an order held in November and completed on 1 December
 * counts in November (its period), so its commit is shown on the last day, and the days add up to the month.
 */
function clampDay(day: string, days: readonly string[]): string {
  if (day < days[0]!) return days[0]!;
  if (day > days.at(-1)!) return days.at(-1)!;
  return day;
}

/**
 * Builds the mayor's view from ledger figures: turnover per day (commit entries on shop accounts), the ASN who
 * reached their quota by each day (their commit entries accumulated against the quota in effect for the month),
 * the OPD with the highest and lowest share of ASN at quota, and shops by committed revenue band.
 */
export function buildMayorView(p: {
  period: string;
  turnoverByDay: ReadonlyArray<{ day: string; amount: number; orders: number }>;
  buyerCommitsByDay: ReadonlyArray<{ buyerId: number; day: string; amount: number }>;
  buyers: readonly BuyerComplianceRow[];
  agencies: readonly ComplianceRow[];
  shops: readonly ShopCapRow[];
  defaultCap: number;
  spreadShops: readonly SpreadShopRow[];
}): MayorView {
  const days = daysOf(p.period);
  const index = new Map(days.map((d, i) => [d, i]));
  const turnover = days.map(() => 0);
  const orders = days.map(() => 0);
  for (const t of p.turnoverByDay) {
    const i = index.get(clampDay(t.day, days))!;
    turnover[i]! += t.amount;
    orders[i]! += t.orders;
  }

  // The day each active ASN reached their quota: their commits in day order until the sum reaches it.
  const quota = new Map(p.buyers.map((b) => [b.buyerId, b.quota]));
  const byBuyer = new Map<number, Array<{ i: number; amount: number }>>();
  for (const c of p.buyerCommitsByDay) {
    if (!quota.has(c.buyerId)) continue;
    const list = byBuyer.get(c.buyerId) ?? [];
    list.push({ i: index.get(clampDay(c.day, days))!, amount: c.amount });
    byBuyer.set(c.buyerId, list);
  }
  const reachedOn = days.map(() => 0);
  for (const [buyerId, q] of quota) {
    if (q <= 0) {
      reachedOn[0]!++;
      continue;
    }
    let sum = 0;
    for (const c of (byBuyer.get(buyerId) ?? []).sort((a, b) => a.i - b.i)) {
      sum += c.amount;
      if (sum >= q) {
        reachedOn[c.i]!++;
        break;
      }
    }
  }
  let met = 0;
  const out: MayorDay[] = days.map((day, i) => {
    met += reachedOn[i]!;
    return { day, turnover: turnover[i]!, orders: orders[i]!, metQuota: met };
  });

  const opd: MayorOpd[] = p.agencies
    .filter((a) => a.activeAsn > 0)
    .map((a) => ({
      agencyId: a.agencyId,
      agencyCode: a.agencyCode,
      agencyName: a.agencyName,
      activeAsn: a.activeAsn,
      metQuota: a.metQuota,
      committed: a.committed,
      share: a.metQuota / a.activeAsn,
    }));
  // Best first by share, then by spending; the bottom list is the same order reversed, without the top's OPD.
  const ranked = [...opd].sort(
    (a, b) => b.share - a.share || b.committed - a.committed || a.agencyName.localeCompare(b.agencyName),
  );
  const topOpd = ranked.slice(0, OPD_LIST);
  const bottomOpd = ranked.slice(OPD_LIST).reverse().slice(0, OPD_LIST);

  return {
    period: p.period,
    days: out,
    turnover: turnover.reduce((a, b) => a + b, 0),
    activeAsn: p.buyers.length,
    metQuota: met,
    topOpd,
    bottomOpd: bottomOpd.length ? bottomOpd : [...ranked].reverse().slice(0, Math.min(OPD_LIST, ranked.length)),
    bands: revenueBands(p.shops, p.defaultCap),
    spread: spreadSummary(p.spreadShops),
  };
}

/** The Pemerataan page's headline figures, from the same rows (spread.repository), so both say the same. */
export function spreadSummary(shops: readonly SpreadShopRow[]): MayorSpread {
  return {
    gini: Math.round(gini(shops.map((s) => s.committed)) * 10_000) / 10_000,
    shops: shops.length,
    helped: shops.filter((s) => s.committed > 0).length,
    noOrderYet: shops.filter((s) => s.orders === 0).length,
  };
}

/**
 * Shops by the revenue the ledger committed to them this month: none yet, then rising bands up to the cap,
 * and those that reached their own cap. Counts every shop, active or not, that the report lists.
 */
export function revenueBands(shops: readonly ShopCapRow[], defaultCap: number): RevenueBand[] {
  const edges: Array<[string, number, number | null]> = [
    ['belum ada pendapatan', 0, 1],
    ['di bawah Rp 1 juta', 1, 1_000_000],
    ['Rp 1–5 juta', 1_000_000, 5_000_000],
    ['Rp 5–10 juta', 5_000_000, 10_000_000],
    ['Rp 10–20 juta', 10_000_000, 20_000_000],
    [`Rp 20 juta sampai batas`, 20_000_000, null],
  ];
  const bands: RevenueBand[] = edges.map(([label, from, to]) => ({ label, from, to, shops: 0, revenue: 0 }));
  const atCap: RevenueBand = { label: 'mencapai batas bulanan', from: defaultCap, to: null, shops: 0, revenue: 0 };
  for (const s of shops) {
    const band =
      s.committed >= s.cap && s.cap > 0
        ? atCap
        : bands.find((b) => s.committed >= b.from && (b.to === null || s.committed < b.to))!;
    band.shops++;
    band.revenue += s.committed;
  }
  return [...bands, atCap];
}
