import type { Db } from '../db/database.js';
import type { Shop } from './shop.table.js';
import { findShop } from './shop.repository.js';

/** A shop by id, as the chat flows show it (name, payment instructions, state). */
export interface ShopLookupService {
  find(shopId: number): Promise<Shop | undefined>;
}

export function createShopLookupService(deps: { db: Db }): ShopLookupService {
  return { find: (shopId) => findShop(deps.db, shopId) };
}
