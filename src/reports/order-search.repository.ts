import type { Db } from '../db/database.js';
import type { OrderListRow, OrderSearch } from './order-search.js';

/** Orders matching every given filter, newest first, one page. */
export async function searchOrders(db: Db, f: OrderSearch): Promise<OrderListRow[]> {
  let q = db
    .selectFrom('orders as o')
    .innerJoin('buyers as b', 'b.id', 'o.buyer_id')
    .innerJoin('agencies as a', 'a.id', 'b.agency_id')
    .innerJoin('shops as s', 's.id', 'o.shop_id')
    .select([
      'o.id',
      'o.code',
      'o.status',
      'o.total',
      'o.period',
      'o.created_at',
      'o.buyer_id',
      'b.name as buyer_name',
      'a.code as agency_code',
      'o.shop_id',
      's.code as shop_code',
      's.name as shop_name',
    ]);
  if (f.code) q = q.where('o.code', '=', f.code.startsWith('PK-') ? f.code : `PK-${f.code}`);
  if (f.buyerId) q = q.where('o.buyer_id', '=', f.buyerId);
  if (f.shopId) q = q.where('o.shop_id', '=', f.shopId);
  if (f.status) q = q.where('o.status', '=', f.status);
  if (f.month) q = q.where('o.period', '=', f.month);
  const rows = await q
    .orderBy('o.created_at', 'desc')
    .orderBy('o.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    status: r.status,
    total: r.total,
    period: r.period,
    createdAt: r.created_at,
    buyerId: r.buyer_id,
    buyerName: r.buyer_name,
    agencyCode: r.agency_code,
    shopId: r.shop_id,
    shopCode: r.shop_code,
    shopName: r.shop_name,
  }));
}

/** One order with its lines and every ledger entry it made. */
export async function orderDetail(db: Db, idOrCode: string) {
  const key = idOrCode.trim();
  const order = await db
    .selectFrom('orders')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', key), eb('code', '=', key.toUpperCase())]))
    .executeTakeFirst();
  if (!order) return undefined;
  const [items, entries, buyer, shop] = await Promise.all([
    db.selectFrom('order_items').selectAll().where('order_id', '=', order.id).orderBy('line_no').execute(),
    db.selectFrom('ledger_entries').selectAll().where('order_id', '=', order.id).orderBy('id').execute(),
    db
      .selectFrom('buyers as b')
      .innerJoin('agencies as a', 'a.id', 'b.agency_id')
      .select(['b.id', 'b.name', 'a.code as agency_code', 'a.name as agency_name'])
      .where('b.id', '=', order.buyer_id)
      .executeTakeFirst(),
    db.selectFrom('shops').select(['id', 'code', 'name']).where('id', '=', order.shop_id).executeTakeFirst(),
  ]);
  return { order, items, entries, buyer, shop };
}
