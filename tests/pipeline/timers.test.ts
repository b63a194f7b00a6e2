import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createCore, type Core } from '../../src/app/core.js';
import { ledger } from '../../src/ledger/index.js';
import { ManualClock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/logger.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { waitUntil } from '../support/processes.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

const MINUTE = 60_000;
let t: TestDb;
let core: Core;
let clock: ManualClock;
beforeEach(async () => {
  t = await createTestDb();
  clock = new ManualClock('2026-11-10T03:00:00.000Z');
  core = await createCore({
    database: t.location,
    redisUrl: inject('redisUrl'),
    queuePrefix: `t-timers-${process.pid}-${Date.now()}`,
    workerConcurrency: 4,
    workerLockMs: 5000,
    sweepIntervalMs: 600_000,
    outboxIntervalMs: 50,
    telegramRatePerSecond: 50,
    logger: silentLogger(),
    workers: true,
    clock,
  });
});
afterEach(async () => {
  await core.queues.orders.obliterate({ force: true }).catch(() => {});
  await core.close();
  await t.cleanup();
});

const statuses = async () =>
  Object.fromEntries((await t.db.selectFrom('orders').select(['id', 'status']).execute()).map((o) => [o.id, o.status]));
const templates = async (template: string) =>
  (await t.db.selectFrom('notifications').select('order_id').where('template', '=', template).execute())
    .map((n) => n.order_id)
    .sort();
const timerJobs = async (name: string) =>
  (await core.queues.orders.getJobs(['completed', 'delayed', 'waiting', 'active'])).filter((j) => j.name === name);

describe('order timers (delayed jobs)', () => {
  it('reminds the shops of orders reserved together with one timer, then expires the unanswered ones with one more', async () => {
    const shop = await makeShop(t.db);
    const product = await makeProduct(t.db, shop.id, { price: 20_000 });
    const buyer = await makeBuyer(t.db);
    const orders = [];
    for (let i = 0; i < 3; i++)
      orders.push(
        await core.orders.place({
          buyerId: buyer.id,
          shopId: shop.id,
          items: [{ productId: product.id, quantity: 1 }],
          fulfilment: 'pickup',
        }),
      );
    const [answered, silent1, silent2] = orders.map((o) => o.id) as [string, string, string];
    // Reserved in one batch, as the worker does with the jobs it holds at once.
    await core.orders.reserveMany([answered, silent1, silent2]);
    await core.orders.accept(answered, { kind: 'shop', shopId: shop.id });
    await core.dispatcher.flush();
    const [remind, ...more] = await timerJobs('remind');
    expect(more).toHaveLength(0);
    expect(remind!.data).toEqual({ orderIds: [answered, silent1, silent2] });
    expect(remind!.opts.delay).toBe(30 * MINUTE);
    expect(await remind!.isDelayed()).toBe(true);

    // Half an hour on, the timer is due (promoted, as Redis would on its own by then): the two shops that
    // have not answered are reminded, the one that accepted is not.
    core.startWorkers();
    clock.advance(31 * MINUTE);
    await remind!.promote();
    await waitUntil(async () => (await templates('order.reminder')).length === 2, 10_000, 'two reminders');
    expect(await templates('order.reminder')).toEqual([silent1, silent2].sort());

    // One expiry timer for the two that were reminded, due at their expiry (two hours after the reserve).
    await core.dispatcher.flush();
    const expire = await timerJobs('expire');
    expect(expire.map((j) => j.data)).toEqual([{ orderIds: [silent1, silent2] }]);
    expect(expire[0]!.opts.delay).toBe(89 * MINUTE);
    clock.advance(90 * MINUTE);
    await expire[0]!.promote();
    await waitUntil(async () => (await statuses())[silent2] === 'expired', 10_000, 'the unanswered orders expired');
    expect(await statuses()).toEqual({ [answered]: 'accepted', [silent1]: 'expired', [silent2]: 'expired' });
    expect(await ledger.shopBalance(t.db, shop.id, '2026-11')).toEqual({ held: 20_000, committed: 0 });
    expect(await templates('order.expired')).toEqual([silent1, silent2].sort());
  });

  it('still runs a timer written before timers were grouped (one order id), and refuses a malformed one', async () => {
    const shop = await makeShop(t.db);
    const product = await makeProduct(t.db, shop.id);
    const buyer = await makeBuyer(t.db);
    const o = await core.orders.place({
      buyerId: buyer.id,
      shopId: shop.id,
      items: [{ productId: product.id, quantity: 1 }],
      fulfilment: 'pickup',
    });
    await core.orders.reserve(o.id);
    core.startWorkers();
    clock.advance(31 * MINUTE);
    await core.queues.orders.add('remind', { orderId: o.id } as never, { jobId: `remind-legacy-${o.id}` });
    const bad = await core.queues.orders.add('remind', { orderIds: ['../etc'] }, { jobId: 'remind-bad' });
    await waitUntil(async () => (await templates('order.reminder')).length === 1, 10_000, 'the legacy timer reminded');
    await waitUntil(async () => (await bad.isFailed()) === true, 10_000, 'the malformed timer failed');
    expect((await core.queues.orders.getJob('remind-bad'))?.failedReason).toMatch(/bad payload for remind/);
    expect(await templates('order.reminder')).toEqual([o.id]);
  });
});
