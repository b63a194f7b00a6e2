import type { Db } from '../db/database.js';
import { finalDeadline, shopHours } from '../orders/deadlines.js';
import type { OrderStatus } from '../orders/order.table.js';
import type { SettingsService } from '../settings/settings.service.js';

export interface DeadlineWatchReport {
  /** Samples taken during the run. */
  samples: number;
  /** The most holds seen at once older than their state's deadline plus one sweep (issue 14: must be 0). */
  maxOverdueHolds: number;
  /** One of them, for the report: order id, state and how many virtual minutes past the tolerance. */
  example: { orderId: string; status: OrderStatus; lateMinutes: number } | null;
}

/**
 * Issue 14's promise, watched while the simulation runs: no hold outlives its order. An open order that is
 * not on the admins' review list must leave its state by the state's last deadline (counted in its shop's
 * opening hours from when it entered the state, by the one policy, deadlines.ts), plus one sweep interval.
 * The watch recomputes the deadline from the order's timestamps rather than trusting the stored one.
 */
export function createDeadlineWatch(deps: { db: Db; settings: SettingsService; sweepMs: number }) {
  const report: DeadlineWatchReport = { samples: 0, maxOverdueHolds: 0, example: null };
  return {
    report,
    async sample(now: Date): Promise<void> {
      const s = await deps.settings.all();
      const rows = await deps.db
        .selectFrom('orders')
        .innerJoin('shops', 'shops.id', 'orders.shop_id')
        .select(['orders.id', 'orders.status', 'orders.reserved_at', 'orders.accepted_at', 'orders.delivered_at'])
        .select(['shops.opens_at', 'shops.closes_at', 'shops.closed_from', 'shops.closed_until'])
        .where('orders.status', 'in', ['reserved', 'accepted', 'delivered'])
        .where('orders.review_reason', 'is', null)
        .execute();
      let overdue = 0;
      for (const r of rows) {
        const since = r.status === 'reserved' ? r.reserved_at : r.status === 'accepted' ? r.accepted_at : r.delivered_at;
        if (!since) continue;
        const due = finalDeadline(r.status, new Date(since), shopHours(r, s), s);
        const late = due ? now.getTime() - due.getTime() - deps.sweepMs : 0;
        if (late > 0) {
          overdue++;
          if (!report.example || late / 60_000 > report.example.lateMinutes) report.example = { orderId: r.id, status: r.status, lateMinutes: Math.round(late / 60_000) };
        }
      }
      report.samples++;
      report.maxOverdueHolds = Math.max(report.maxOverdueHolds, overdue);
    },
  };
}
