import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { quotaRulesIn } from '../people/quota-rule.repository.js';
import { ORDER_STATUSES, type OrderStatus } from '../orders/order.table.js';
import type { BuyerComplianceRow, ComplianceRow, KecamatanSpendingRow, Overview, ShopCapRow } from './report.types.js';

// Queries for the dashboard and the exports. Per-account figures come from ledger_balances (the ledger's
// running sums, kept by triggers in the entry's own statement and checked by `peken ledger verify`);
// the turnover is summed from the entries themselves. Account keys are 'shop:<id>' / 'buyer:<id>', so
// joins look balances up by primary key with `'shop:' || id`.

// 'shop;' sorts right after every 'shop:…' key: a range the index can use (LIKE cannot, case-insensitively).
const SHOP_FROM = 'shop:';
const SHOP_TO = 'shop;';

export async function overview(db: Db, period: string, range: { from: string; to: string }): Promise<Overview> {
  const turnover = await sql<{ total: number }>`
    select coalesce(sum(amount), 0) as total from ledger_entries
    where period = ${period} and kind = 'commit' and account >= ${SHOP_FROM} and account < ${SHOP_TO}`.execute(db);
  const byStatus = await sql<{ status: OrderStatus; n: number }>`
    select status, count(*) as n from orders where period = ${period} group by status`.execute(db);
  // Orders still waiting for their hold have no period yet: count them in the month they were placed.
  const waiting = await sql<{ n: number }>`
    select count(*) as n from orders where status = 'submitted' and created_at >= ${range.from} and created_at < ${range.to}`.execute(
    db,
  );
  const parties = await sql<{ buyers: number; shops: number }>`
    select count(distinct buyer_id) as buyers, count(distinct shop_id) as shops
    from orders where period = ${period} and status = 'completed'`.execute(db);
  const active = await sql<{ asn: number; shops: number }>`
    select (select count(*) from buyers where active = 1) as asn, (select count(*) from shops where status = 'active') as shops`.execute(
    db,
  );
  const ordersByStatus = Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as Record<OrderStatus, number>;
  for (const r of byStatus.rows) ordersByStatus[r.status] += Number(r.n);
  ordersByStatus.submitted += Number(waiting.rows[0]?.n ?? 0);
  const total = Number(turnover.rows[0]?.total ?? 0);
  const helped = Number(parties.rows[0]?.shops ?? 0);
  return {
    period,
    turnover: total,
    ordersByStatus,
    asnShopped: Number(parties.rows[0]?.buyers ?? 0),
    activeAsn: Number(active.rows[0]?.asn ?? 0),
    shopsHelped: helped,
    activeShops: Number(active.rows[0]?.shops ?? 0),
    avgRevenuePerHelpedShop: helped ? Math.floor(total / helped) : 0,
  };
}

export async function complianceByAgency(db: Db, period: string): Promise<ComplianceRow[]> {
  const r = await sql<{ id: number; code: string; name: string; asn: number; met: number; committed: number }>`
    select a.id, a.code, a.name, count(b.id) as asn,
      coalesce(sum(case when coalesce(lb.committed, 0) >= q.min_monthly then 1 else 0 end), 0) as met,
      coalesce(sum(coalesce(lb.committed, 0)), 0) as committed
    from agencies a
    left join buyers b on b.agency_id = a.id and b.active = 1
    left join ${quotaRulesIn(period)} q on q.position_class = b.position_class
    left join ledger_balances lb on lb.account = 'buyer:' || b.id and lb.period = ${period}
    group by a.id order by a.name`.execute(db);
  return r.rows.map((x) => ({
    agencyId: x.id,
    agencyCode: x.code,
    agencyName: x.name,
    activeAsn: Number(x.asn),
    metQuota: Number(x.met),
    belowQuota: Number(x.asn) - Number(x.met),
    committed: Number(x.committed),
  }));
}

/** Active ASN with their committed spending against their quota; `belowOnly` keeps those short of it. */
type BuyerComplianceRaw = {
  id: number;
  name: string;
  acode: string;
  aname: string;
  cls: string;
  quota: number;
  committed: number;
};

/** The query behind buyerCompliance, unexecuted: the exports stream it row by row (src/reports/export-writer.ts). */
export function buyerComplianceQuery(period: string, p: { agencyId?: number; belowOnly: boolean; limit?: number }) {
  const agency = p.agencyId === undefined ? sql`` : sql`and b.agency_id = ${p.agencyId}`;
  const below = p.belowOnly ? sql`and coalesce(lb.committed, 0) < q.min_monthly` : sql``;
  const limit = p.limit === undefined ? sql`` : sql`limit ${p.limit}`;
  return sql<BuyerComplianceRaw>`
    select b.id, b.name, a.code as acode, a.name as aname, b.position_class as cls, q.min_monthly as quota,
      coalesce(lb.committed, 0) as committed
    from buyers b
    join agencies a on a.id = b.agency_id
    join ${quotaRulesIn(period)} q on q.position_class = b.position_class
    left join ledger_balances lb on lb.account = 'buyer:' || b.id and lb.period = ${period}
    where b.active = 1 ${agency} ${below}
    order by a.name, b.name ${limit}`;
}

export function toBuyerComplianceRow(x: BuyerComplianceRaw): BuyerComplianceRow {
  return {
    buyerId: x.id,
    name: x.name,
    agencyCode: x.acode,
    agencyName: x.aname,
    positionClass: x.cls,
    quota: Number(x.quota),
    committed: Number(x.committed),
    shortfall: Math.max(0, Number(x.quota) - Number(x.committed)),
  };
}

export async function buyerCompliance(
  db: Db,
  period: string,
  p: { agencyId?: number; belowOnly: boolean; limit?: number },
): Promise<BuyerComplianceRow[]> {
  return (await buyerComplianceQuery(period, p).execute(db)).rows.map(toBuyerComplianceRow);
}

/** Revenue by the kecamatan of the shop that earned it, every kecamatan listed (zero included). */
export async function spendingByKecamatan(db: Db, period: string): Promise<KecamatanSpendingRow[]> {
  const r = await sql<{ code: string; name: string; shops: number; helped: number; committed: number }>`
    select k.code, k.name, count(s.id) as shops,
      coalesce(sum(case when lb.committed > 0 then 1 else 0 end), 0) as helped,
      coalesce(sum(lb.committed), 0) as committed
    from kecamatan k
    left join kelurahan kl on kl.kecamatan_code = k.code
    left join shops s on s.kelurahan_code = kl.code
    left join ledger_balances lb on lb.account = 'shop:' || s.id and lb.period = ${period}
    group by k.code order by k.name`.execute(db);
  return r.rows.map((x) => ({
    code: x.code,
    name: x.name,
    shops: Number(x.shops),
    shopsHelped: Number(x.helped),
    committed: Number(x.committed),
  }));
}

/**
 * Shops with their held + committed against their cap (override, else the setting). `minUsage` 0.8 gives
 * the shops near or at their cap; 0 gives every shop (the shop-revenue export).
 */
type ShopCapRaw = {
  id: number;
  code: string;
  name: string;
  status: string;
  kec: string;
  cap: number;
  held: number;
  committed: number;
};

/** The query behind shopCaps, unexecuted (the exports stream it). */
export function shopCapsQuery(period: string, p: { defaultCap: number; minUsage: number; limit?: number }) {
  // usage >= minUsage in integers: (held + committed) * 1000 >= cap * minUsage * 1000.
  const permille = Math.round(p.minUsage * 1000);
  const limit = p.limit === undefined ? sql`` : sql`limit ${p.limit}`;
  return sql<ShopCapRaw>`
    select s.id, s.code, s.name, s.status, k.name as kec, coalesce(s.cap_override, ${p.defaultCap}) as cap,
      coalesce(lb.held, 0) as held, coalesce(lb.committed, 0) as committed
    from shops s
    join kelurahan kl on kl.code = s.kelurahan_code
    join kecamatan k on k.code = kl.kecamatan_code
    left join ledger_balances lb on lb.account = 'shop:' || s.id and lb.period = ${period}
    where (coalesce(lb.held, 0) + coalesce(lb.committed, 0)) * 1000 >= coalesce(s.cap_override, ${p.defaultCap}) * ${permille}
    order by (coalesce(lb.held, 0) + coalesce(lb.committed, 0)) * 1.0 / (case when coalesce(s.cap_override, ${p.defaultCap}) > 1 then coalesce(s.cap_override, ${p.defaultCap}) else 1 end) desc, s.code
    ${limit}`;
}

export function toShopCapRow(x: ShopCapRaw): ShopCapRow {
  const cap = Number(x.cap);
  const used = Number(x.held) + Number(x.committed);
  return {
    shopId: x.id,
    code: x.code,
    name: x.name,
    status: x.status,
    kecamatan: x.kec,
    cap,
    held: Number(x.held),
    committed: Number(x.committed),
    usage: cap > 0 ? used / cap : used > 0 ? 1 : 0,
  };
}

export async function shopCaps(
  db: Db,
  period: string,
  p: { defaultCap: number; minUsage: number; limit?: number },
): Promise<ShopCapRow[]> {
  return (await shopCapsQuery(period, p).execute(db)).rows.map(toShopCapRow);
}
