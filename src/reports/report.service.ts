import type { Db } from '../db/database.js';
import type { SettingsService } from '../settings/settings.service.js';
import type { Clock } from '../shared/clock.js';
import { periodEnd, periodOf, periodStart } from '../shared/period.js';
import type { OrderSearch } from './order-search.js';
import { orderDetail, searchOrders } from './order-search.repository.js';
import { createSpreadService } from './spread.service.js';
import { spreadShops } from './spread.repository.js';
import { buyerCompliance, complianceByAgency, overview, shopCaps, spendingByKecamatan } from './report.repository.js';
import { buyerCommitsByDay, turnoverByDay } from './mayor.repository.js';
import { buildMayorView } from './mayor-view.js';
import type { MayorView } from './mayor.types.js';

/** Share of the cap from which a shop counts as near it. */
export const NEAR_CAP = 0.8;

/** The reports behind the dashboard, the API and the exports; periods are 'YYYY-MM' (Jakarta). */
export function createReportService(deps: { db: Db; settings: SettingsService; clock: Clock }) {
  const { db } = deps;
  const spread = createSpreadService({ db, clock: deps.clock });
  return {
    currentPeriod: () => periodOf(deps.clock.now()),
    overview: (period: string) =>
      overview(db, period, { from: periodStart(period).toISOString(), to: periodEnd(period).toISOString() }),
    complianceByAgency: (period: string) => complianceByAgency(db, period),
    buyerCompliance: (period: string, p: { agencyId?: number; belowOnly: boolean; limit?: number }) =>
      buyerCompliance(db, period, p),
    spendingByKecamatan: (period: string) => spendingByKecamatan(db, period),
    async shopsNearCap(period: string, limit?: number) {
      return shopCaps(db, period, {
        defaultCap: await deps.settings.get('shop_monthly_cap'),
        minUsage: NEAR_CAP,
        limit,
      });
    },
    async shopRevenue(period: string) {
      return shopCaps(db, period, { defaultCap: await deps.settings.get('shop_monthly_cap'), minUsage: 0 });
    },
    /** Issue 20: Gini and Lorenz curve of shop revenue, by kecamatan, shops with no order yet, day by day. */
    spread: (period: string) => spread.spread(period),
    /**
     * The mayor's office's month (read-only): turnover and compliance by day, top and bottom OPD, shops by revenue
     * band, and how evenly the money spread (Gini, shops helped, shops with no order yet).
     */
    async mayorView(period: string): Promise<MayorView> {
      const defaultCap = await deps.settings.get('shop_monthly_cap');
      const [days, commits, buyers, agencies, shops, spreadRows] = await Promise.all([
        turnoverByDay(db, period),
        buyerCommitsByDay(db, period),
        buyerCompliance(db, period, { belowOnly: false }),
        complianceByAgency(db, period),
        shopCaps(db, period, { defaultCap, minUsage: 0 }),
        spreadShops(db, period),
      ]);
      return buildMayorView({
        period,
        turnoverByDay: days,
        buyerCommitsByDay: commits,
        buyers,
        agencies,
        shops,
        defaultCap,
        spreadShops: spreadRows,
      });
    },
    searchOrders: (f: OrderSearch) => searchOrders(db, f),
    orderDetail: (idOrCode: string) => orderDetail(db, idOrCode),
  };
}

export type ReportService = ReturnType<typeof createReportService>;
