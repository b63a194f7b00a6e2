import type { Db } from '../db/database.js';
import { findBuyer } from './buyer.repository.js';

/** A buyer by id, as a shop's order list shows them (name, phone). */
export interface BuyerLookupService {
  find(buyerId: number): ReturnType<typeof findBuyer>;
}

export function createBuyerLookupService(deps: { db: Db }): BuyerLookupService {
  return { find: (buyerId) => findBuyer(deps.db, buyerId) };
}
