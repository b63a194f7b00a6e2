import type { Updateable } from 'kysely';
import type { Db } from '../db/database.js';
import type { ShopTable } from './shop.table.js';

/** The columns that say when a shop is open (issue 14). */
export type ShopHoursUpdate = Pick<
  Updateable<ShopTable>,
  'is_open' | 'opens_at' | 'closes_at' | 'closed_from' | 'closed_until'
>;

export async function updateShopHours(db: Db, shopId: number, set: ShopHoursUpdate, at: string): Promise<void> {
  await db
    .updateTable('shops')
    .set({ ...set, updated_at: at })
    .where('id', '=', shopId)
    .execute();
}
