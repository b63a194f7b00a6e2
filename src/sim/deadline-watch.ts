import type { Clock } from '../shared/clock.js';
import type { Db } from '../db/database.js';
import { finalDeadline, shopHours } from '../orders/deadlines.js';
import type { OrderStatus } from '../orders/order.table.js';
import type { SweepPass } from '../jobs/sweeper.js';
import type { SettingsService } from '../settings/settings.service.js';
import { openOrdersWithHours } from './sim.repository.js';

export interface DeadlineWatchReport {
  /** Samples taken during the run. */
  samples: number;
  /**
   * The most holds seen at once older than their state's deadline plus one sweep: still open although a
   * sweep pass that started after their deadline (and after the order was seen in its state) has finished.
   * Issue 14: must be 0.
   */
  maxOverdueHolds: number;
  /** One of them, for the report: order id, state and how many virtual minutes past its deadline. */
  example: { orderId: string; status: OrderStatus; lateMinutes: number } | null;
  /**
   * The longest a hold was seen open past its deadline on the virtual clock, in minutes (not an invariant:
   * the time a sweep pass takes, times the scale; at ×6,000 a pass of 150 real ms is 15 virtual minutes).
   */
  maxMinutesPastDeadline: number;
}

/**
 * Issue 14's promise, watched while the simulation runs: no hold outlives its order. An open order that is
 * not on the admins' review list must leave its state by the state's last deadline (counted in its shop's
 * opening hours from when it entered the state, by the one policy, deadlines.ts), plus one sweep.
 *
 * "One sweep" is the sweep pass that follows the deadline, not the sweeper's nominal interval: at ×6,000 a
 * machine that takes 300 real ms more for a pass (load, SQLite's lock shared with the workers) is 30 virtual
 * minutes late, which says nothing about the product. So a hold counts as overdue when the last pass of
 * this process's sweeper that finished (`lastPass`) started after both its deadline and the moment this
 * watch first saw the order in its state (a reservation committed late, after a pass had started, is the
 * next pass's work). A pass that failed counts as well: the deadline was due and nothing applied it.
 * The watch recomputes the deadline from the order's timestamps rather than trusting the stored one.
 */
export function createDeadlineWatch(deps: {
  db: Db;
  settings: SettingsService;
  clock: Clock;
  lastPass: () => SweepPass | null;
}) {
  const report: DeadlineWatchReport = { samples: 0, maxOverdueHolds: 0, example: null, maxMinutesPastDeadline: 0 };
  /** Virtual ms at which each open order was first seen in its state (`id:status`), read after the query. */
  let firstSeen = new Map<string, number>();
  return {
    report,
    async sample(): Promise<void> {
      const pass = deps.lastPass();
      const s = await deps.settings.all();
      const rows = await openOrdersWithHours(deps.db);
      const now = deps.clock.now().getTime();
      const seen = new Map<string, number>();
      let overdue = 0;
      for (const r of rows) {
        const key = `${r.id}:${r.status}`;
        const first = firstSeen.get(key) ?? now;
        seen.set(key, first);
        const since =
          r.status === 'reserved' ? r.reserved_at : r.status === 'accepted' ? r.accepted_at : r.delivered_at;
        if (!since) continue;
        const due = finalDeadline(r.status, new Date(since), shopHours(r, s), s)!.getTime();
        report.maxMinutesPastDeadline = Math.max(report.maxMinutesPastDeadline, Math.round((now - due) / 60_000));
        if (pass && pass.at.getTime() >= Math.max(due, first)) {
          overdue++;
          const lateMinutes = Math.round((now - due) / 60_000);
          if (!report.example || lateMinutes > report.example.lateMinutes)
            report.example = { orderId: r.id, status: r.status, lateMinutes };
        }
      }
      firstSeen = seen;
      report.samples++;
      report.maxOverdueHolds = Math.max(report.maxOverdueHolds, overdue);
    },
  };
}
