import type { Db } from '../db/database.js';
import { formatRupiah } from '../shared/money.js';
import { OrderRefusedError } from './ledger.errors.js';
import {
  appendEntries,
  buyerAccount,
  countEntries,
  holdsOfOrder,
  inconsistentOrders,
  lockBalances,
  lockBalancesOfOrders,
  readBalance,
  recomputedBalances,
  shopAccount,
  shopHeldByOrder,
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

/**
 * Holds for several orders in one write transaction (a worker's batch): the balances are read once, each
 * hold is checked against them plus the holds taken before it in the batch, and all entries are written
 * with one statement. Only valid inside the transaction that opened it: the balances read at the start
 * stay true until the commit, because on SQLite BEGIN IMMEDIATE keeps every other writer out, and on
 * PostgreSQL the batch locks its balance rows (lockBalances).
 */
export interface HoldBatch {
  /** Checks the caps for one more hold; throws OrderRefusedError (and takes nothing) when it does not fit. */
  hold(r: Omit<HoldRequest, 'period' | 'at'>): void;
  /** Appends the entries of every hold taken. */
  write(): Promise<void>;
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
   * Opens a batch of holds for the given parties (see HoldBatch); must run inside a write transaction
   * (BEGIN IMMEDIATE on SQLite; on PostgreSQL it locks the parties' balance rows), so that no other hold can
   * slip between the check and the write. The one way to hold: a single order is a batch of one.
   */
  async holdBatch(
    trx: Db,
    b: { period: string; at: string; shopIds: readonly number[]; buyerIds: readonly number[] },
  ): Promise<HoldBatch> {
    const accounts = [...new Set([...b.shopIds.map(shopAccount), ...b.buyerIds.map(buyerAccount)])];
    const balances = await lockBalances(trx, b.period, accounts);
    for (const a of accounts) if (!balances.has(a)) balances.set(a, { held: 0, committed: 0 });
    const entries: HoldEntry[] = [];
    const opened = (account: string): Balance => {
      const balance = balances.get(account);
      if (!balance) throw new Error(`hold batch: account ${account} was not opened`);
      return balance;
    };
    return {
      hold(r) {
        take(r, b.period, opened(shopAccount(r.shopId)), opened(buyerAccount(r.buyerId)));
        entries.push(...holdEntries(r, b.period, b.at));
      },
      async write() {
        await appendEntries(trx, entries.splice(0));
      },
    };
  },

  /** Turns the order's holds into revenue (shop) and spending (buyer). Idempotent. */
  async commit(trx: Db, orderId: string, at: string): Promise<void> {
    await closeHolds(trx, orderId, 'commit', at);
  },

  /**
   * Call first in a transaction that will commit or release several orders' holds (see
   * lockBalancesOfOrders): on PostgreSQL it locks their balances in the one order every writer uses.
   */
  lockForClosing(trx: Db, orderIds: readonly string[]): Promise<void> {
    return lockBalancesOfOrders(trx, orderIds);
  },

  /** Gives the order's holds back. Idempotent. */
  async release(trx: Db, orderId: string, at: string): Promise<void> {
    await closeHolds(trx, orderId, 'release', at);
  },

  /** What each of these orders still holds against its shop's cap, from the entries (0 or absent: nothing). */
  shopHeldByOrder(db: Db, orderIds: readonly string[]): Promise<Map<string, number>> {
    return shopHeldByOrder(db, orderIds);
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
    const entries = await countEntries(db);
    return {
      ok: mismatches.length === 0 && broken.length === 0,
      accounts: stored.size,
      entries,
      mismatches,
      brokenOrders: broken,
    };
  },
};

type HoldEntry = Parameters<typeof appendEntries>[1][number];

/**
 * The cap check of one hold against the balances it would land on; when it fits, the balances take it
 * (so that the next hold of a batch sees it). Throws OrderRefusedError, having taken nothing, when not.
 */
function take(r: Omit<HoldRequest, 'period' | 'at'>, period: string, shop: Balance, buyer: Balance): void {
  if (r.limits.orderMax !== null && r.amount > r.limits.orderMax) {
    throw new OrderRefusedError(
      'order_max',
      `order total ${formatRupiah(r.amount)} is above the per-order maximum ${formatRupiah(r.limits.orderMax)}`,
    );
  }
  if (shop.held + shop.committed + r.amount > r.limits.shopCap) {
    throw new OrderRefusedError(
      'shop_cap',
      `shop ${r.shopId} would pass its ${period} cap of ${formatRupiah(r.limits.shopCap)}`,
    );
  }
  if (r.limits.buyerMax !== null && buyer.held + buyer.committed + r.amount > r.limits.buyerMax) {
    throw new OrderRefusedError(
      'buyer_max',
      `buyer would pass the monthly maximum of ${formatRupiah(r.limits.buyerMax)}`,
    );
  }
  shop.held += r.amount;
  buyer.held += r.amount;
}

function holdEntries(r: Omit<HoldRequest, 'period' | 'at'>, period: string, at: string): HoldEntry[] {
  return [
    { orderId: r.orderId, account: shopAccount(r.shopId), period, kind: 'hold', amount: r.amount, at },
    { orderId: r.orderId, account: buyerAccount(r.buyerId), period, kind: 'hold', amount: r.amount, at },
  ];
}

async function closeHolds(trx: Db, orderId: string, kind: 'commit' | 'release', at: string): Promise<void> {
  const holds = await holdsOfOrder(trx, orderId);
  await appendEntries(
    trx,
    holds.map((h) => ({ orderId, account: h.account, period: h.period, kind, amount: h.amount, at })),
  );
}
