import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/app/core.js';
import { ledger } from '../../src/ledger/index.js';
import { silentLogger } from '../../src/shared/logger.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { spawnWorker, startRedis, waitUntil, type Child } from '../support/processes.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

async function countByStatus(t: TestDb): Promise<Record<string, number>> {
  const rows = await t.db
    .selectFrom('orders')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

async function world(t: TestDb) {
  const shop = await makeShop(t.db);
  const product = await makeProduct(t.db, shop.id, { price: 20_000 });
  const buyer = await makeBuyer(t.db);
  return { shop, product, buyer };
}

describe('durability', () => {
  it('acknowledges orders from SQLite while Redis is down and processes them after it returns', async () => {
    const t = await createTestDb();
    cleanups.push(() => t.cleanup());
    let redis = await startRedis();
    const port = redis.port;
    cleanups.push(() => redis.stop());
    const core: Core = await createCore({
      database: t.location,
      redisUrl: redis.url,
      queuePrefix: 'dur',
      workerConcurrency: 4,
      workerLockMs: 5000,
      sweepIntervalMs: 60_000,
      sweepGraceMs: 200,
      outboxIntervalMs: 100,
      telegramRatePerSecond: 25,
      logger: silentLogger(),
      workers: true,
    });
    cleanups.push(() => core.close());
    const w = await world(t);
    const place = () =>
      core.orders.place({
        buyerId: w.buyer.id,
        shopId: w.shop.id,
        items: [{ productId: w.product.id, quantity: 1 }],
        fulfilment: 'pickup',
      });

    // Ten orders reach Redis, then Redis dies (no persistence): their jobs are gone with it.
    for (let i = 0; i < 10; i++) await place();
    await core.dispatcher.flush();
    expect(await t.db.selectFrom('outbox').select('id').where('dispatched_at', 'is', null).execute()).toHaveLength(0);
    await redis.stop();

    // Ten more are placed while Redis is down: each is acknowledged (place() returns) from SQLite alone.
    const acknowledged = [];
    for (let i = 0; i < 10; i++) acknowledged.push(await place());
    expect(acknowledged.every((o) => o.status === 'submitted')).toBe(true);
    expect(await countByStatus(t)).toEqual({ submitted: 20 });
    await core.dispatcher.flush();
    expect(
      (await t.db.selectFrom('outbox').select('id').where('dispatched_at', 'is', null).execute()).length,
    ).toBeGreaterThanOrEqual(10);

    // Redis comes back empty: the outbox sends the ten it kept, the sweeper re-sends the ten Redis lost.
    redis = await startRedis(port);
    core.startWorkers();
    await waitUntil(
      async () => {
        await core.dispatcher.flush();
        await core.sweeper.sweep();
        return (await countByStatus(t)).reserved === 20;
      },
      30_000,
      'all 20 orders reserved',
    );
    expect((await ledger.verify(t.db)).ok).toBe(true);
    const period = (await core.orders.get(acknowledged[0]!.id))!.period!;
    expect(await ledger.shopBalance(t.db, w.shop.id, period)).toEqual({ held: 400_000, committed: 0 });
  });

  it('leaves the ledger consistent when a worker is SIGKILLed inside a hold, and the order finishes on retry', async () => {
    const t = await createTestDb();
    cleanups.push(() => t.cleanup());
    const redis = await startRedis();
    cleanups.push(() => redis.stop());
    const core = await createCore({
      database: t.location,
      redisUrl: redis.url,
      queuePrefix: 'kill',
      workerConcurrency: 4,
      workerLockMs: 2000,
      sweepIntervalMs: 60_000,
      telegramRatePerSecond: 25,
      logger: silentLogger(),
      workers: false,
    });
    cleanups.push(() => core.close());
    const w = await world(t);
    const orders = [];
    for (let i = 0; i < 5; i++) {
      orders.push(
        await core.orders.place({
          buyerId: w.buyer.id,
          shopId: w.shop.id,
          items: [{ productId: w.product.id, quantity: 1 }],
          fulfilment: 'pickup',
        }),
      );
    }
    await core.dispatcher.flush();
    const env = {
      ...t.env,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: 'kill',
      WORKER_CONCURRENCY: '1',
      WORKER_LOCK_MS: '2000',
    };

    // This worker stalls 60 s inside each hold transaction: it is killed with the hold written, uncommitted.
    const slow: Child = spawnWorker({ ...env, FAULT_HOLD_DELAY_MS: '60000' });
    cleanups.push(() => slow.kill());
    await waitUntil(
      async () => (await core.queues.orders.getActiveCount()) > 0,
      30_000,
      'the slow worker to take a job',
    );
    await new Promise((r) => setTimeout(r, 500)); // well inside the 60 s stall
    await slow.kill();

    // Nothing of the killed transaction is visible: no entry, every order still submitted, verify clean.
    expect(await t.db.selectFrom('ledger_entries').selectAll().execute()).toHaveLength(0);
    expect(await countByStatus(t)).toEqual({ submitted: 5 });
    expect((await ledger.verify(t.db)).ok).toBe(true);

    // A healthy worker takes over the stalled job when its lock expires, and finishes every order once.
    const healthy = spawnWorker(env);
    cleanups.push(() => healthy.kill());
    await waitUntil(
      async () => (await countByStatus(t)).reserved === 5,
      45_000,
      'all 5 orders reserved after the crash',
    );
    const holds = await t.db
      .selectFrom('ledger_entries')
      .select(['order_id'])
      .where('kind', '=', 'hold')
      .where('account', 'like', 'shop:%')
      .execute();
    expect(holds).toHaveLength(5);
    expect(new Set(holds.map((h) => h.order_id)).size).toBe(5);
    expect((await ledger.verify(t.db)).ok).toBe(true);
  });
});
