import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createCore, type Core } from '../../src/app/core.js';
import { ledger } from '../../src/ledger/index.js';
import { silentLogger } from '../../src/shared/logger.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { spawnWorker, waitUntil, type Child } from '../support/processes.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

const CAP = 2_000_000;
const ORDERS = 500;
const prefix = `t-conc-${process.pid}-${Date.now()}`;

let t: TestDb;
let core: Core;
const workers: Child[] = [];

beforeAll(async () => {
  t = await createTestDb();
  core = await createCore({
    database: t.location,
    redisUrl: inject('redisUrl'),
    queuePrefix: prefix,
    workerConcurrency: 8,
    workerLockMs: 30_000,
    sweepIntervalMs: 60_000,
    telegramRatePerSecond: 25,
    logger: silentLogger(),
    workers: false,
  });
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.kill()));
  await core.queues.orders.obliterate({ force: true }).catch(() => {});
  await core.close();
  await t.cleanup();
});

describe('two worker processes racing for one shop', () => {
  it('never lets held + committed pass the cap and refuses exactly the orders that did not fit', async () => {
    const shop = await makeShop(t.db, { capOverride: CAP });
    const products = [
      await makeProduct(t.db, shop.id, { price: 10_000 }),
      await makeProduct(t.db, shop.id, { price: 25_000 }),
      await makeProduct(t.db, shop.id, { price: 40_000 }),
    ];
    const buyers = [];
    for (let i = 0; i < 25; i++) buyers.push(await makeBuyer(t.db));
    // Placed before the workers exist, so that all 500 wait in Redis and the workers race from the start.
    for (let i = 0; i < ORDERS; i++) {
      await core.orders.place({
        buyerId: buyers[i % buyers.length]!.id,
        shopId: shop.id,
        items: [{ productId: products[i % 3]!.id, quantity: 1 + (i % 2) }],
        fulfilment: 'delivery',
      });
    }
    await core.dispatcher.flush();
    const env = { ...t.env, REDIS_URL: inject('redisUrl'), QUEUE_PREFIX: prefix, WORKER_CONCURRENCY: '8' };
    workers.push(spawnWorker(env), spawnWorker(env), spawnWorker(env));

    await waitUntil(
      async () => {
        const left = await t.db
          .selectFrom('orders')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', '=', 'submitted')
          .executeTakeFirstOrThrow();
        return Number(left.n) === 0;
      },
      90_000,
      'every order to be reserved or refused',
    );

    const periods = await t.db
      .selectFrom('orders')
      .select('period')
      .distinct()
      .where('period', 'is not', null)
      .execute();
    expect(periods).toHaveLength(1);
    const balance = await ledger.shopBalance(t.db, shop.id, periods[0]!.period!);
    expect(balance.held + balance.committed).toBeLessThanOrEqual(CAP);

    const orders = await t.db.selectFrom('orders').select(['status', 'reason', 'total']).execute();
    const reserved = orders.filter((o) => o.status === 'reserved');
    const refused = orders.filter((o) => o.status === 'refused');
    expect(reserved.length + refused.length).toBe(ORDERS);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((o) => o.reason === 'shop_cap')).toBe(true);
    // The held sum is exactly what the reserved orders add up to, and no refused order would fit in the
    // room that is left: the cap was neither passed nor wasted.
    expect(balance.held).toBe(reserved.reduce((s, o) => s + o.total, 0));
    const room = CAP - balance.held;
    expect(refused.every((o) => o.total > room)).toBe(true);
    // The race was real: more than one worker process took jobs.
    const done = await core.queues.orders.getJobs(['completed'], 0, ORDERS);
    expect(new Set(done.map((j) => j.processedBy)).size).toBeGreaterThan(1);
    const verify = await ledger.verify(t.db);
    expect(verify.ok).toBe(true);
    expect(workers.every((w) => w.process.exitCode === null)).toBe(true);
  });
});
