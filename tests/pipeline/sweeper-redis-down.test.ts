import { afterEach, describe, expect, it } from 'vitest';
import { ledger } from '../../src/ledger/index.js';
import { createOrderService } from '../../src/orders/order.service.js';
import { createSweeper } from '../../src/jobs/sweeper.js';
import { createRedis } from '../../src/jobs/connection.js';
import { createQueues } from '../../src/jobs/queues.js';
import { createSettingsService } from '../../src/settings/settings.service.js';
import { ManualClock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/logger.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { startRedis, waitUntil } from '../support/processes.js';
import { jobIds } from '../../src/orders/orders.jobs.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

let t: TestDb | undefined;
afterEach(async () => {
  await t?.cleanup();
});

describe('the sweeper while Redis is down', () => {
  it('lets overlapping passes share one pass whose Redis half fails quietly: no unhandled rejection that would kill the process', async () => {
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
    await orders.place({
      buyerId: buyer.id,
      shopId: shop.id,
      items: [{ productId: product.id, quantity: 1 }],
      fulfilment: 'pickup',
    });
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
      const [first, ...joined] = await Promise.all(passes);
      expect(first).toMatchObject({ redispatched: 0, redisRepaired: false });
      expect(joined).toEqual([first, first]);
      await new Promise((r) => setTimeout(r, 200));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      producer.disconnect();
    }
  });

  it('still expires overdue orders and releases their holds while Redis is down, though an order waiting for its job cannot be re-sent', async () => {
    t = await createTestDb();
    // 10:00 WIB: the shop (06:00–21:00) is open, so the reserved order expires after 120 plain minutes.
    const clock = new ManualClock('2026-01-05T03:00:00.000Z');
    const settings = createSettingsService({ db: t.db, clock });
    const orders = createOrderService({ db: t.db, clock, settings });
    const shop = await makeShop(t.db);
    const product = await makeProduct(t.db, shop.id, { price: 40_000 });
    const buyer = await makeBuyer(t.db);
    const held = await orders.place({
      buyerId: buyer.id,
      shopId: shop.id,
      items: [{ productId: product.id, quantity: 1 }],
      fulfilment: 'pickup',
    });
    expect(await orders.reserve(held.id)).toMatchObject({ outcome: 'reserved' });
    // Placed while Redis was going down: its reserve job never reached a queue, so the sweeper must re-send it.
    const waiting = await orders.place({
      buyerId: buyer.id,
      shopId: shop.id,
      items: [{ productId: product.id, quantity: 1 }],
      fulfilment: 'pickup',
    });
    const redis = await startRedis();
    const producer = createRedis(redis.url, 'producer');
    const queues = createQueues({ connection: producer, prefix: `t-sweeper-down-expire-${process.pid}` });
    try {
      // A pass waits 300 ms for its Redis half, which hangs or fails while Redis is away.
      const sweeper = createSweeper({
        db: t.db,
        queues,
        orders,
        clock,
        logger: silentLogger(),
        graceMs: 1,
        redisWaitMs: 300,
      });
      await redis.stop();
      clock.advance(121 * 60_000);
      // The pass cannot re-send the waiting order's job (Redis is down), but that costs no other order its deadline.
      expect(await sweeper.sweep()).toMatchObject({ expired: 1, redispatched: 0, redisRepaired: false });
      expect(await orders.get(held.id)).toMatchObject({ status: 'expired', reason: 'no_answer' });
      expect(await ledger.shopBalance(t.db, shop.id, '2026-01')).toEqual({ held: 0, committed: 0 });
      expect((await ledger.verify(t.db)).ok).toBe(true);
      expect(await orders.get(waiting.id)).toMatchObject({ status: 'submitted' });
      // Redis back (empty): a later pass re-sends the waiting order's job.
      const back = await startRedis(redis.port);
      try {
        await waitUntil(
          async () => {
            await sweeper.sweep();
            return (await queues.orders.getJob(jobIds.reserve(waiting.id))) !== undefined;
          },
          15_000,
          'the waiting order re-sent',
        );
      } finally {
        await back.stop();
      }
    } finally {
      producer.disconnect();
    }
  });
});
