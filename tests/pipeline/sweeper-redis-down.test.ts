import { afterEach, describe, expect, it } from 'vitest';
import { createOrderService } from '../../src/orders/order.service.js';
import { createSweeper } from '../../src/outbox/sweeper.js';
import { createRedis } from '../../src/queue/connection.js';
import { createQueues } from '../../src/queue/queues.js';
import { createSettingsService } from '../../src/settings/settings.service.js';
import { ManualClock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/logger.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { startRedis } from '../support/processes.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

let t: TestDb | undefined;
afterEach(async () => {
  await t?.cleanup();
});

describe('the sweeper while Redis is down', () => {
  it('lets overlapping passes fail quietly: no unhandled rejection that would kill the process', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    t = await createTestDb();
    const clock = new ManualClock('2026-01-05T03:00:00.000Z');
    const settings = createSettingsService({ db: t.db, clock });
    const orders = createOrderService({ db: t.db, clock, settings });
    const shop = await makeShop(t.db);
    const product = await makeProduct(t.db, shop.id);
    const buyer = await makeBuyer(t.db);
    await orders.place({ buyerId: buyer.id, shopId: shop.id, items: [{ productId: product.id, quantity: 1 }], fulfilment: 'pickup' });
    clock.advance(5 * 60_000);
    const redis = await startRedis();
    const producer = createRedis(redis.url, 'producer');
    const queues = createQueues({ connection: producer, prefix: 't-sweeper-down' });
    try {
      const sweeper = createSweeper({ db: t.db, queues, orders, clock, logger: silentLogger(), graceMs: 1 });
      expect(await sweeper.sweep()).toMatchObject({ redispatched: 1 });
      await redis.stop();
      // What the interval timer does when a pass outlasts it: a second sweep joins the running one.
      const passes = [sweeper.sweep(), sweeper.sweep(), sweeper.sweep()];
      expect(await Promise.all(passes)).toEqual([null, null, null]);
      await new Promise((r) => setTimeout(r, 200));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      producer.disconnect();
    }
  });
});
