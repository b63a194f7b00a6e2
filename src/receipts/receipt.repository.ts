import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/** What a kuitansi shows of one order, read in one query. */
export interface KuitansiRow {
  orderId: string;
  code: string;
  status: string;
  completedAt: string | null;
  paymentMethod: string | null;
  buyerName: string;
  nip: string;
  agencyName: string;
  shopName: string;
  shopCode: string;
  owner: string;
  address: string;
  /** The order's commit entry on the shop account; null when the ledger holds none (not completed). */
  ledgerTotal: number | null;
}

export interface KuitansiItem {
  name: string;
  quantity: number;
  unit: string;
  price: number;
}

/** The order by id or code, with its parties and the ledger's commit amount; undefined when unknown. */
export async function kuitansiRow(db: Db, idOrCode: string): Promise<KuitansiRow | undefined> {
  const r = await sql<{
    id: string;
    code: string;
    status: string;
    closed_at: string | null;
    method: string | null;
    bname: string;
    nip: string;
    aname: string;
    sname: string;
    scode: string;
    owner: string | null;
    address: string;
    total: number | null;
  }>`
    select o.id, o.code, o.status, o.closed_at, o.payment_method as method, b.name as bname, b.nip, a.name as aname,
      s.name as sname, s.code as scode, s.address,
      (select c.name from shop_contacts c where c.shop_id = s.id and c.role = 'owner' order by c.id limit 1) as owner,
      (select le.amount from ledger_entries le where le.order_id = o.id and le.kind = 'commit' and le.account = 'shop:' || o.shop_id) as total
    from orders o
    join buyers b on b.id = o.buyer_id
    join agencies a on a.id = b.agency_id
    join shops s on s.id = o.shop_id
    where o.id = ${idOrCode} or o.code = ${idOrCode.toUpperCase()}
    limit 1`.execute(db);
  const x = r.rows[0];
  if (!x) return undefined;
  return {
    orderId: x.id,
    code: x.code,
    status: x.status,
    completedAt: x.closed_at,
    paymentMethod: x.method,
    buyerName: x.bname,
    nip: x.nip,
    agencyName: x.aname,
    shopName: x.sname,
    shopCode: x.scode,
    owner: x.owner ?? '',
    address: x.address,
    ledgerTotal: x.total === null ? null : Number(x.total),
  };
}

export async function kuitansiItems(db: Db, orderId: string): Promise<KuitansiItem[]> {
  const rows = await db
    .selectFrom('order_items')
    .select(['name', 'quantity', 'unit', 'price'])
    .where('order_id', '=', orderId)
    .orderBy('line_no')
    .execute();
  return rows.map((r) => ({ name: r.name, quantity: Number(r.quantity), unit: r.unit, price: Number(r.price) }));
}
