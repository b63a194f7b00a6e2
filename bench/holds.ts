import type { Db } from '../src/db/database.js';
import { seedDemo } from '../src/demo/seed-demo.js';
import { ledger } from '../src/ledger/index.js';
import { systemClock } from '../src/shared/clock.js';
import { periodOf } from '../src/shared/period.js';
import { firstBuyer, firstShop, insertSubmittedOrders } from './bench.repository.js';

/**
 * The hold transaction alone on a migrated, empty database (SQLite or PostgreSQL): `n` submitted orders of one
 * buyer at one shop, each held in a transaction of its own, one after another. Holds per second.
 */
export async function holdsPerSecond(db: Db, n: number): Promise<number> {
  await seedDemo(db, { clock: systemClock, buyers: 200, shopsPerKind: 10 });
  const shop = await firstShop(db);
  const buyer = await firstBuyer(db);
  const at = new Date().toISOString();
  const ids = Array.from({ length: n }, (_, i) => `bench${String(i).padStart(12, '0')}`);
  await insertSubmittedOrders(db, { ids, buyerId: buyer.id, shopId: shop.id, total: 1000, at });
  const period = periodOf(new Date());
  const limits = { shopCap: Number.MAX_SAFE_INTEGER, buyerMax: null, orderMax: null };
  const t0 = performance.now();
  for (const orderId of ids) {
    await db.transaction().execute(async (trx) => {
      // A batch of one: the path a worker takes when it fetched a single order.
      const batch = await ledger.holdBatch(trx, { period, at, shopIds: [shop.id], buyerIds: [buyer.id] });
      batch.hold({ orderId, shopId: shop.id, buyerId: buyer.id, amount: 1000, limits });
      await batch.write();
    });
  }
  return n / ((performance.now() - t0) / 1000);
}
