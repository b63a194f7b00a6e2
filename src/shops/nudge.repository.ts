import type { Db } from '../db/database.js';

/** Whether the buyer has completed an order at the shop before: going back there is a reorder. */
export async function hasCompletedOrderAt(db: Db, buyerId: number, shopId: number): Promise<boolean> {
  const row = await db
    .selectFrom('orders')
    .select('id')
    .where('buyer_id', '=', buyerId)
    .where('shop_id', '=', shopId)
    .where('status', '=', 'completed')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * For each of `others`, the shop's goods (by normalised name, active and in stock at both) that it also
 * sells, named as the shop names them.
 */
export async function sharedGoods(db: Db, shopId: number, others: readonly number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (others.length === 0) return out;
  const rows = await db
    .selectFrom('products as mine')
    .innerJoin('products as theirs', 'theirs.name_key', 'mine.name_key')
    .select(['theirs.shop_id as shopId', 'mine.name as name'])
    .where('mine.shop_id', '=', shopId)
    .where('theirs.shop_id', 'in', others)
    .where('mine.active', '=', 1)
    .where('theirs.active', '=', 1)
    .where((eb) => eb.or([eb('theirs.stock', 'is', null), eb('theirs.stock', '>', 0)]))
    .orderBy('mine.name')
    .execute();
  for (const r of rows) out.set(r.shopId, [...(out.get(r.shopId) ?? []), r.name]);
  return out;
}
