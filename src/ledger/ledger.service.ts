import type { Db } from '../db/database.js';
import { formatRupiah } from '../shared/money.js';
import { OrderRefusedError } from './ledger.errors.js';
import {
  appendEntries,
  buyerAccount,
  holdsOfOrder,
  inconsistentOrders,
  readBalance,
  recomputedBalances,
  shopAccount,
  storedBalances,
  type Balance,
} from './ledger.repository.js';

export interface HoldLimits {
  shopCap: number;
  buyerMax: number | null;
  orderMax: number | null;
}

export interface HoldRequest {
  orderId: string;
  shopId: number;
  buyerId: number;
  amount: number;
  period: string;
  limits: HoldLimits;
  at: string;
}

export interface VerifyReport {
  ok: boolean;
  accounts: number;
  entries: number;
  mismatches: { account: string; period: string; stored: Balance | null; recomputed: Balance | null }[];
  brokenOrders: { orderId: string; account: string }[];
}

/**
 * The ledger of spending caps. Every function takes the caller's transaction: the order service decides
 * what else must land atomically with an entry (the order's state, its outbox rows).
 */
export const ledger = {
  /**
   * Checks the caps and places the hold on the shop's and the buyer's accounts. Must run inside a write
   * transaction (BEGIN IMMEDIATE), so that no other hold can slip between the check and the write.
   */
  async hold(trx: Db, r: HoldRequest): Promise<void> {
    if (r.limits.orderMax !== null && r.amount > r.limits.orderMax) {
      throw new OrderRefusedError('order_max', `order total ${formatRupiah(r.amount)} is above the per-order maximum ${formatRupiah(r.limits.orderMax)}`);
    }
    const shop = await readBalance(trx, shopAccount(r.shopId), r.period);
    if (shop.held + shop.committed + r.amount > r.limits.shopCap) {
      throw new OrderRefusedError('shop_cap', `shop ${r.shopId} would pass its ${r.period} cap of ${formatRupiah(r.limits.shopCap)}`);
    }
    if (r.limits.buyerMax !== null) {
      const buyer = await readBalance(trx, buyerAccount(r.buyerId), r.period);
      if (buyer.held + buyer.committed + r.amount > r.limits.buyerMax) {
        throw new OrderRefusedError('buyer_max', `buyer would pass the monthly maximum of ${formatRupiah(r.limits.buyerMax)}`);
      }
    }
    const base = { orderId: r.orderId, period: r.period, kind: 'hold' as const, amount: r.amount, at: r.at };
    await appendEntries(trx, [
      { ...base, account: shopAccount(r.shopId) },
      { ...base, account: buyerAccount(r.buyerId) },
    ]);
  },

  /** Turns the order's holds into revenue (shop) and spending (buyer). Idempotent. */
  async commit(trx: Db, orderId: string, at: string): Promise<void> {
    await closeHolds(trx, orderId, 'commit', at);
  },

  /** Gives the order's holds back. Idempotent. */
  async release(trx: Db, orderId: string, at: string): Promise<void> {
    await closeHolds(trx, orderId, 'release', at);
  },

  shopBalance(db: Db, shopId: number, period: string): Promise<Balance> {
    return readBalance(db, shopAccount(shopId), period);
  },

  buyerBalance(db: Db, buyerId: number, period: string): Promise<Balance> {
    return readBalance(db, buyerAccount(buyerId), period);
  },

  /** Recomputes every balance from the entries and compares: the check behind `peken ledger verify`. */
  async verify(db: Db): Promise<VerifyReport> {
    const recomputed = new Map((await recomputedBalances(db)).map((b) => [`${b.account}|${b.period}`, b]));
    const stored = new Map((await storedBalances(db)).map((b) => [`${b.account}|${b.period}`, b]));
    const mismatches: VerifyReport['mismatches'] = [];
    for (const key of new Set([...recomputed.keys(), ...stored.keys()])) {
      const r = recomputed.get(key);
      const s = stored.get(key);
      const rHeld = Number(r?.held ?? 0);
      const rCommitted = Number(r?.committed ?? 0);
      if (rHeld !== (s?.held ?? 0) || rCommitted !== (s?.committed ?? 0)) {
        const [account, period] = key.split('|') as [string, string];
        mismatches.push({
          account,
          period,
          stored: s ? { held: s.held, committed: s.committed } : null,
          recomputed: r ? { held: rHeld, committed: rCommitted } : null,
        });
      }
    }
    const broken = (await inconsistentOrders(db)).map((o) => ({ orderId: o.order_id, account: o.account }));
    const entries = await db.selectFrom('ledger_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return {
      ok: mismatches.length === 0 && broken.length === 0,
      accounts: stored.size,
      entries: Number(entries.n),
      mismatches,
      brokenOrders: broken,
    };
  },
};

async function closeHolds(trx: Db, orderId: string, kind: 'commit' | 'release', at: string): Promise<void> {
  const holds = await holdsOfOrder(trx, orderId);
  await appendEntries(trx, holds.map((h) => ({ orderId, account: h.account, period: h.period, kind, amount: h.amount, at })));
}
