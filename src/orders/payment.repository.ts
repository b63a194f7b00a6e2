import type { Db } from '../db/database.js';

/** The buyer's accepted or delivered orders that they have not reported paid, newest first. */
export async function awaitingBuyerPayment(db: Db, buyerId: number) {
  return db
    .selectFrom('orders')
    .selectAll()
    .where('buyer_id', '=', buyerId)
    .where('status', 'in', ['accepted', 'delivered'])
    .where('buyer_paid_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(10)
    .execute();
}
