import type { Db } from '../db/database.js';
import { hasAuditEntry, recordAudit } from '../audit/audit.repository.js';
import { ledger } from '../ledger/index.js';
import type { Clock } from '../shared/clock.js';
import { periodOf, periodStart } from '../shared/period.js';
import { openOrdersOfPeriod } from './order.repository.js';

const LIMIT = 5000;

type OpenOrderRow = Awaited<ReturnType<typeof openOrdersOfPeriod>>[number];

export interface OpenOrdersReport {
  period: string;
  count: number;
  /** Rupiah still held against the shops' caps by these orders, as the ledger's entries say. */
  held: number;
  /** Each order with what it holds in the ledger (its shop account's hold, less any release or commit). */
  orders: (OpenOrderRow & { held: number })[];
}

/** The month before the one of `at` (WIB). */
export const previousPeriod = (at: Date) => periodOf(new Date(periodStart(periodOf(at)).getTime() - 3_600_000));

/**
 * Orders of a month that are still open (reserved, accepted or delivered), with their holds: what admins
 * get on the 1st for the month that ended. Admins are API tokens and dashboard sessions, not chats, so
 * the list is where they already look (the dashboard page and GET /api/reports/open-orders, both live), and
 * the scheduled job on the 1st writes the month's snapshot into the audit log, once, so that the figure
 * of the day stays on record after the orders move on.
 */
export function createOpenOrdersReport(deps: { db: Db; clock: Clock }) {
  async function of(period: string): Promise<OpenOrdersReport> {
    const rows = await openOrdersOfPeriod(deps.db, period, LIMIT);
    // The ledger's word, not the order's total: the list is what the caps carry.
    const heldBy = await ledger.shopHeldByOrder(
      deps.db,
      rows.map((o) => o.id),
    );
    const orders = rows.map((o) => ({ ...o, held: heldBy.get(o.id) ?? 0 }));
    return { period, count: orders.length, held: orders.reduce((s, o) => s + o.held, 0), orders };
  }

  return {
    of,
    /** The 1st-of-month snapshot for the month that ended; null when it was taken already. */
    async snapshot(): Promise<OpenOrdersReport | null> {
      const period = previousPeriod(deps.clock.now());
      if (await hasAuditEntry(deps.db, 'report.open_orders', period)) return null;
      const r = await of(period);
      const after = {
        count: r.count,
        held: r.held,
        orders: r.orders.map((o) => ({
          code: o.code,
          status: o.status,
          total: o.total,
          shop: o.shop_name,
          review: o.review_reason,
        })),
      };
      await recordAudit(deps.db, {
        actor: 'system',
        action: 'report.open_orders',
        entity: 'period',
        entityId: period,
        after,
        at: deps.clock.now().toISOString(),
      });
      return r;
    },
  };
}
export type OpenOrdersReportService = ReturnType<typeof createOpenOrdersReport>;
