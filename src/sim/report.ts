import type { Db } from '../db/database.js';
import type { SettingsService } from '../settings/settings.service.js';
import { gini } from '../shared/gini.js';
import { giniBetweenKecamatan } from './spread-floor.js';
import { checkInvariants, type InvariantReport } from './invariants.js';
import {
  activeBuyersCommitted,
  activeShopsRevenue,
  completedSameKelurahan,
  countNotificationsOf,
  notificationsByStatus,
  ordersByStatus,
  refusedByReason,
  shopsCommittedTotal,
  type KeyCount,
} from './sim.repository.js';

export interface Figures {
  orders: number;
  ordersByState: Record<string, number>;
  refusedByReason: Record<string, number>;
  /** Sum of the commit entries on shop accounts, in rupiah. */
  turnover: number;
  /** ASN whose committed spending this period is at or above their position's minimum. */
  asnAtQuota: number;
  asnAtQuotaShare: number;
  activeShops: number;
  shopsWithCompletedOrder: number;
  shopsHelpedShare: number;
  topShop: { shopId: number; revenue: number; cap: number; share: number } | null;
  shopsAtCap: number;
  giniShopRevenue: number;
  /**
   * The Gini left if every shop earned its kecamatan's mean (spread-floor.ts): what the listing cannot move
   * under the area policy `kecamatan`.
   */
  giniBetweenKecamatan: number;
  /** Completed orders from a shop in the buyer's own kelurahan (home: domicile, or office), as a share. */
  sameKelurahanShare: number;
  remindersSent: number;
  notifications: Record<string, number>;
  invariants: InvariantReport;
}

const count = (rows: KeyCount[]) => Object.fromEntries(rows.map((r) => [r.k ?? 'none', Number(r.n)]));

/** Everything the closing report says about the city's month, read from the database after the run. */
export async function collectFigures(db: Db, settings: SettingsService, period: string): Promise<Figures> {
  const byState = await ordersByStatus(db);
  const refused = await refusedByReason(db);
  const notes = await notificationsByStatus(db);
  const reminders = await countNotificationsOf(db, 'order.reminder');
  const turnover = await shopsCommittedTotal(db);

  const buyers = await activeBuyersCommitted(db, period);
  const atQuota = buyers.filter((b) => Number(b.committed) >= b.min_monthly).length;

  const defaultCap = await settings.get('shop_monthly_cap');
  const shops = await activeShopsRevenue(db);
  const near = await completedSameKelurahan(db);
  const revenues = shops.map((s) => Number(s.revenue ?? 0));
  const top = shops.reduce<(typeof shops)[number] | null>(
    (best, s) => (!best || Number(s.monthMax ?? 0) > Number(best.monthMax ?? 0) ? s : best),
    null,
  );
  const helped = shops.filter((s) => Number(s.completed ?? 0) > 0).length;
  const capOf = (s: { cap_override: number | null }) => s.cap_override ?? defaultCap;
  const orders = byState.reduce((s, r) => s + Number(r.n), 0);
  return {
    orders,
    ordersByState: count(byState),
    refusedByReason: count(refused),
    turnover,
    asnAtQuota: atQuota,
    asnAtQuotaShare: round(buyers.length ? atQuota / buyers.length : 0),
    activeShops: shops.length,
    shopsWithCompletedOrder: helped,
    shopsHelpedShare: round(shops.length ? helped / shops.length : 0),
    topShop: top
      ? {
          shopId: top.id,
          revenue: Number(top.monthMax ?? 0),
          cap: capOf(top),
          share: round(Number(top.monthMax ?? 0) / capOf(top)),
        }
      : null,
    shopsAtCap: shops.filter((s) => Number(s.monthMax ?? 0) >= capOf(s) * 0.99).length,
    giniShopRevenue: round(gini(revenues)),
    giniBetweenKecamatan: round(
      giniBetweenKecamatan(shops.map((s) => ({ kelurahanCode: s.kelurahan_code, revenue: Number(s.revenue ?? 0) }))),
    ),
    sameKelurahanShare: round(near.all ? near.same / near.all : 0),
    remindersSent: reminders,
    notifications: count(notes),
    invariants: await checkInvariants(db, settings, { allowOpen: true }),
  };
}

export const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;
