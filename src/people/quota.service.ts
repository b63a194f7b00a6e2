import type { Db } from '../db/database.js';
import { ledger } from '../ledger/index.js';
import type { Clock } from '../shared/clock.js';
import { daysLeft, periodOf } from '../shared/period.js';
import { buyerMinimum } from './quota-rule.repository.js';

export interface QuotaProgress {
  period: string;
  /** Completed orders this month (commit entries on the buyer's account). */
  spent: number;
  /** Orders in progress: counted once they complete. */
  held: number;
  /** The position class's monthly minimum; 0 when the class has none. */
  minimum: number;
  /** spent / minimum in whole percent, capped at 100 (a minimum of 0 is met). */
  percent: number;
  daysLeft: number;
}

export interface QuotaService {
  progress(buyerId: number): Promise<QuotaProgress | undefined>;
}

/** A buyer's quota this month. Quotas are minimums: they inform, they never block an order. */
export function createQuotaService(deps: { db: Db; clock: Clock }): QuotaService {
  const { db, clock } = deps;
  return {
    async progress(buyerId) {
      const now = clock.now();
      const period = periodOf(now);
      // The minimum in effect this month: a change planned for next month does not move this month's bar.
      const minimum = await buyerMinimum(db, buyerId, period);
      if (minimum === undefined) return undefined;
      const balance = await ledger.buyerBalance(db, buyerId, period);
      const percent = minimum === 0 ? 100 : Math.min(100, Math.floor((balance.committed * 100) / minimum));
      return {
        period,
        spent: balance.committed,
        held: balance.held,
        minimum,
        percent,
        daysLeft: daysLeft(now, period),
      };
    },
  };
}
