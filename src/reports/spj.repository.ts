import { sql } from 'kysely';
import type { Db } from '../db/database.js';

export interface SpjRow {
  agencyCode: string;
  agencyName: string;
  buyerName: string;
  orderCode: string;
  completedAt: string;
  shopCode: string;
  shopName: string;
  items: string;
  total: number;
}

type SpjRaw = { acode: string; aname: string; bname: string; code: string; closed_at: string | null; scode: string; sname: string; items: string | null; total: number };

/** The query behind spjOrders, unexecuted (the exports stream it). */
export function spjOrdersQuery(period: string, agencyId?: number) {
  const agency = agencyId === undefined ? sql`` : sql`and b.agency_id = ${agencyId}`;
  return sql<SpjRaw>`
    select a.code as acode, a.name as aname, b.name as bname, o.code, o.closed_at, s.code as scode, s.name as sname,
      (select group_concat(i.quantity || ' × ' || i.name || case when i.unit <> '' then ' (' || i.unit || ')' else '' end, '; ')
         from order_items i where i.order_id = o.id) as items,
      o.total
    from orders o
    join buyers b on b.id = o.buyer_id
    join agencies a on a.id = b.agency_id
    join shops s on s.id = o.shop_id
    where o.period = ${period} and o.status = 'completed' ${agency}
    order by a.code, o.closed_at, o.code`;
}

export function toSpjRow(x: SpjRaw): SpjRow {
  return {
    agencyCode: x.acode, agencyName: x.aname, buyerName: x.bname, orderCode: x.code, completedAt: x.closed_at ?? '',
    shopCode: x.scode, shopName: x.sname, items: x.items ?? '', total: Number(x.total),
  };
}

/**
 * Completed orders of a month by OPD, for accountability reports (SPJ). The NIP is left out on purpose:
 * the order code, the name and the OPD identify the purchase, and the file travels by e-mail and USB stick.
 */
export async function spjOrders(db: Db, period: string, agencyId?: number): Promise<SpjRow[]> {
  return (await spjOrdersQuery(period, agencyId).execute(db)).rows.map(toSpjRow);
}
