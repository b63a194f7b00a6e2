import type { Db } from '../db/database.js';
import { ledger } from '../ledger/index.js';
import type { Clock } from '../shared/clock.js';
import { daysLeft, periodOf } from '../shared/period.js';

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
      const buyer = await db
        .selectFrom('buyers')
        .leftJoin('quota_rules', 'quota_rules.position_class', 'buyers.position_class')
        .select(['buyers.id', 'quota_rules.min_monthly'])
        .where('buyers.id', '=', buyerId)
        .executeTakeFirst();
      if (!buyer) return undefined;
      const now = clock.now();
      const period = periodOf(now);
      const balance = await ledger.buyerBalance(db, buyerId, period);
      const minimum = buyer.min_monthly ?? 0;
      const percent = minimum === 0 ? 100 : Math.min(100, Math.floor((balance.committed * 100) / minimum));
      return { period, spent: balance.committed, held: balance.held, minimum, percent, daysLeft: daysLeft(now, period) };
    },
  };
}
