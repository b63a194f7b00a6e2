import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/** One item line of a completed order, with what the SPJ needs of its order, buyer, OPD and shop. */
export interface SpjLine {
  agencyId: number;
  agencyCode: string;
  agencyName: string;
  /** When the order completed (ISO, UTC); shown in WIB. */
  completedAt: string;
  nip: string;
  buyerName: string;
  orderCode: string;
  shopName: string;
  owner: string;
  address: string;
  lineNo: number;
  item: string;
  quantity: number;
  unit: string;
  unitPrice: number;
  /** quantity × unit price. */
  subtotal: number;
  /** The order's commit entry on the shop's account: the amount the ledger holds for it. */
  orderTotal: number;
  paymentMethod: string | null;
}

export type SpjRaw = {
  aid: number;
  acode: string;
  aname: string;
  closed_at: string | null;
  nip: string;
  bname: string;
  code: string;
  sname: string;
  owner: string | null;
  address: string;
  line_no: number;
  iname: string;
  quantity: number;
  unit: string;
  price: number;
  total: number;
  method: string | null;
};

// 'shop;' sorts right after every 'shop:…' key (see report.repository.ts).
const SHOP_FROM = 'shop:';
const SHOP_TO = 'shop;';

/**
 * The query behind the SPJ, unexecuted (the exports stream it): one row per item line of every order with a
 * commit entry on a shop account in the month, so that the totals are the ledger's by construction. Ordered
 * by OPD, then completion, so that a reader can close each OPD's subtotal as it goes.
 */
export function spjLinesQuery(period: string, agencyId?: number) {
  const agency = agencyId === undefined ? sql`` : sql`and b.agency_id = ${agencyId}`;
  return sql<SpjRaw>`
    select a.id as aid, a.code as acode, a.name as aname, o.closed_at, b.nip, b.name as bname, o.code,
      s.name as sname, (select c.name from shop_contacts c where c.shop_id = s.id and c.role = 'owner' order by c.id limit 1) as owner,
      s.address, i.line_no, i.name as iname, i.quantity, i.unit, i.price, le.amount as total, o.payment_method as method
    from ledger_entries le
    join orders o on o.id = le.order_id
    join buyers b on b.id = o.buyer_id
    join agencies a on a.id = b.agency_id
    join shops s on s.id = o.shop_id
    join order_items i on i.order_id = o.id
    where le.period = ${period} and le.kind = 'commit' and le.account >= ${SHOP_FROM} and le.account < ${SHOP_TO} ${agency}
    order by a.code, o.closed_at, o.code, i.line_no`;
}

export function toSpjLine(x: SpjRaw): SpjLine {
  return {
    agencyId: Number(x.aid),
    agencyCode: x.acode,
    agencyName: x.aname,
    completedAt: x.closed_at ?? '',
    nip: x.nip,
    buyerName: x.bname,
    orderCode: x.code,
    shopName: x.sname,
    owner: x.owner ?? '',
    address: x.address,
    lineNo: Number(x.line_no),
    item: x.iname,
    quantity: Number(x.quantity),
    unit: x.unit,
    unitPrice: Number(x.price),
    subtotal: Number(x.price) * Number(x.quantity),
    orderTotal: Number(x.total),
    paymentMethod: x.method,
  };
}

/** The SPJ lines of a month (one OPD or all), read at once: for small reads such as one OPD's recap. */
export async function spjLines(db: Db, period: string, agencyId?: number): Promise<SpjLine[]> {
  return (await spjLinesQuery(period, agencyId).execute(db)).rows.map(toSpjLine);
}
