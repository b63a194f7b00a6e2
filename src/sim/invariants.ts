import type { Db } from '../db/database.js';
import { ledger } from '../ledger/index.js';
import type { OrderStatus } from '../orders/order.table.js';
import type { SettingsService } from '../settings/settings.service.js';
import { countOrdersNotIn, ordersFinishedTwice, shopMonthsUsed } from './sim.repository.js';

export interface InvariantReport {
  /** 1. No shop and month has held + committed above its cap. */
  capNeverPassed: boolean;
  capViolations: { shopId: number; period: string; used: number; cap: number }[];
  /** 2. No order has more than one entry per step, nor both a commit and a release. */
  noOrderChargedTwice: boolean;
  doubleCharged: string[];
  /** 3. Every acknowledged order reached a final state (or is still legitimately open). */
  noAcknowledgedOrderLost: boolean;
  stuck: number;
  /** 4. Every balance equals the sum of its entries. */
  ledgerVerified: boolean;
}

const FINAL: OrderStatus[] = ['completed', 'refused', 'rejected', 'cancelled', 'expired'];

/** The brief's four ledger invariants, checked against the database after a run. */
export async function checkInvariants(
  db: Db,
  settings: SettingsService,
  props: { allowOpen: boolean },
): Promise<InvariantReport> {
  const defaultCap = await settings.get('shop_monthly_cap');
  const used = await shopMonthsUsed(db);
  const capViolations = used
    .map((u) => ({ shopId: u.shopId, period: u.period, used: Number(u.used), cap: u.cap_override ?? defaultCap }))
    .filter((u) => u.used > u.cap);
  const doubled = await ordersFinishedTwice(db);
  const open = await countOrdersNotIn(
    db,
    props.allowOpen ? ([...FINAL, 'reserved', 'accepted', 'delivered'] as OrderStatus[]) : FINAL,
  );
  const verify = await ledger.verify(db);
  return {
    capNeverPassed: capViolations.length === 0,
    capViolations,
    noOrderChargedTwice: doubled.length === 0 && verify.brokenOrders.length === 0,
    doubleCharged: [...new Set([...doubled.map((d) => d.order_id), ...verify.brokenOrders.map((b) => b.orderId)])],
    noAcknowledgedOrderLost: open === 0,
    stuck: open,
    ledgerVerified: verify.ok,
  };
}
