import type { OrderStatus } from '../orders/order.table.js';

/** The overview of one month. Every figure is read from ledger entries, ledger balances or orders. */
export interface Overview {
  period: string;
  /** Sum of commit entries on shop accounts for the period. */
  turnover: number;
  ordersByStatus: Record<OrderStatus, number>;
  /** Distinct buyers with at least one completed order in the period. */
  asnShopped: number;
  activeAsn: number;
  /** Distinct shops with at least one completed order in the period. */
  shopsHelped: number;
  activeShops: number;
  /** turnover / shopsHelped, rounded down to whole rupiah; 0 when no shop was helped. */
  avgRevenuePerHelpedShop: number;
}

export interface ComplianceRow {
  agencyId: number;
  agencyCode: string;
  agencyName: string;
  activeAsn: number;
  /** ASN whose committed spending reached the quota of their position class. */
  metQuota: number;
  belowQuota: number;
  committed: number;
}

export interface BuyerComplianceRow {
  buyerId: number;
  name: string;
  agencyCode: string;
  agencyName: string;
  positionClass: string;
  quota: number;
  committed: number;
  shortfall: number;
}

export interface KecamatanSpendingRow {
  code: string;
  name: string;
  shops: number;
  shopsHelped: number;
  committed: number;
}

export interface ShopCapRow {
  shopId: number;
  code: string;
  name: string;
  status: string;
  kecamatan: string;
  cap: number;
  held: number;
  committed: number;
  /** (held + committed) / cap, 0..1+ ; 1 = at the cap. */
  usage: number;
}
