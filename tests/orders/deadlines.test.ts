import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/app/core.js';
import { ledger } from '../../src/ledger/index.js';
import { InvalidTransitionError } from '../../src/orders/order.errors.js';
import { ordersForReview } from '../../src/orders/order.repository.js';
import { ManualClock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/logger.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { startRedis, waitUntil } from '../support/processes.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

// WIB wall-clock times, so that each step reads like the shopkeeper's day (default hours 06:00–21:00).
const wib = (s: string) => new Date(`${s}+07:00`);

let t: TestDb;
let core: Core;
let clock: ManualClock;
let redis: Awaited<ReturnType<typeof startRedis>>;
beforeEach(async () => {
  t = await createTestDb();
  redis = await startRedis();
  clock = new ManualClock(wib('2026-11-30T18:00:00'));
  core = await createCore({
    database: t.location,
    redisUrl: redis.url,
    queuePrefix: `t-deadlines-${process.pid}`,
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
  await core.close();
  await redis.stop();
  await t.cleanup();
});

const order = (id: string) => t.db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const notices = async (orderId: string) =>
  (
    await t.db.selectFrom('notifications').select('template').where('order_id', '=', orderId).orderBy('id').execute()
  ).map((n) => n.template);
const deadlineJobs = async () =>
  (await core.queues.orders.getJobs(['delayed', 'waiting', 'completed', 'active'])).filter(
    (j) => j.name === 'deadline',
  );

async function acceptedOrder() {
  const shop = await makeShop(t.db);
  const product = await makeProduct(t.db, shop.id, { price: 50_000, stock: 10 });
  const buyer = await makeBuyer(t.db);
  const o = await core.orders.place({
    buyerId: buyer.id,
    shopId: shop.id,
    items: [{ productId: product.id, quantity: 2 }],
    fulfilment: 'delivery',
    note: 'Jl. Mawar 1',
  });
  await core.orders.reserve(o.id);
  clock.set(wib('2026-11-30T19:00:00'));
  await core.orders.accept(o.id, { kind: 'shop', shopId: shop.id });
  return { o, shop, buyer, product };
}

/** Redis without persistence comes back empty: every delayed timer is gone. */
async function restartRedis() {
  await redis.stop();
  redis = await startRedis(redis.port);
  await waitUntil(async () => core.producer.status === 'ready', 10_000, 'the producer reconnected');
}

describe('deadlines of accepted orders (fake clock, opening hours 06:00–21:00 WIB)', () => {
  it('reminds the shop by timer, then, after Redis lost every timer, the sweeper asks the buyer and expires the order across the month boundary', async () => {
    const { o, shop, product } = await acceptedOrder();
    // 240 open minutes from 19:00 on 30 November: two hours that evening, two from 06:00 on 1 December.
    expect(await order(o.id)).toMatchObject({
      remind_at: wib('2026-12-01T08:00:00').toISOString(),
      ask_at: wib('2026-12-01T12:00:00').toISOString(),
      expires_at: wib('2026-12-02T13:00:00').toISOString(),
    });
    await core.dispatcher.flush();
    const [timer, ...more] = await deadlineJobs();
    expect(more).toEqual([]);
    expect(timer!.data).toEqual({ step: 'accepted_remind', orderIds: [o.id] });

    // The timer, run by the worker when due (promoted, as Redis would on its own by then).
    core.startWorkers();
    clock.set(wib('2026-12-01T08:00:00'));
    await timer!.promote();
    await waitUntil(
      async () => (await notices(o.id)).includes('order.deliver_reminder'),
      10_000,
      'the delivery reminder',
    );
    await core.dispatcher.flush();
    expect((await deadlineJobs()).map((j) => j.data)).toContainEqual({ step: 'accepted_ask', orderIds: [o.id] });

    await restartRedis();
    expect(await core.sweeper.sweep()).toMatchObject({ deadlines: 0 });
    clock.set(wib('2026-12-01T11:59:00'));
    expect(await core.sweeper.sweep()).toMatchObject({ deadlines: 0 });
    clock.set(wib('2026-12-01T12:00:00'));
    expect(await core.sweeper.sweep()).toMatchObject({ deadlines: 1 });
    expect((await notices(o.id)).filter((n) => n === 'order.ask_received')).toHaveLength(1);
    expect(await core.sweeper.sweep()).toMatchObject({ deadlines: 0 });

    clock.set(wib('2026-12-02T13:00:00'));
    expect(await core.sweeper.sweep()).toMatchObject({ deadlines: 1 });
    expect(await order(o.id)).toMatchObject({ status: 'expired', reason: 'not_delivered', period: '2026-11' });
    expect(await ledger.shopBalance(t.db, shop.id, '2026-11')).toEqual({ held: 0, committed: 0 });
    expect(await notices(o.id)).toEqual(
      expect.arrayContaining(['order.expired_undelivered', 'order.expired_undelivered_shop']),
    );
    expect(
      (await t.db.selectFrom('products').select('stock').where('id', '=', product.id).executeTakeFirstOrThrow()).stock,
    ).toBe(10);
    expect((await ledger.verify(t.db)).ok).toBe(true);
    // Applied once: a late timer or another pass changes nothing.
    expect(await core.orders.applyDeadline('accepted_expire', [o.id])).toEqual([]);
  });

  it('after a Redis restart lost its timer, the sweeper reminds the shop to deliver at its instant, in December, once', async () => {
    const { o } = await acceptedOrder();
    await core.dispatcher.flush();
    await restartRedis();
    expect(await deadlineJobs()).toEqual([]);
    clock.set(wib('2026-12-01T07:59:00'));
    expect(await core.sweeper.sweep()).toMatchObject({ deadlines: 0 });
    clock.set(wib('2026-12-01T08:00:00'));
    expect(await core.sweeper.sweep()).toMatchObject({ deadlines: 1 });
    expect(await core.sweeper.sweep()).toMatchObject({ deadlines: 0 });
    expect((await notices(o.id)).filter((n) => n === 'order.deliver_reminder')).toHaveLength(1);
    expect(await order(o.id)).toMatchObject({
      status: 'accepted',
      remind_at: null,
      ask_at: wib('2026-12-01T12:00:00').toISOString(),
    });
  });

  it('lets the buyer who was asked and said "belum" cancel, which releases the hold; not before the question', async () => {
    const { o, buyer, shop } = await acceptedOrder();
    await expect(core.orders.cancel(o.id, { kind: 'buyer', buyerId: buyer.id })).rejects.toBeInstanceOf(
      InvalidTransitionError,
    );
    clock.set(wib('2026-12-01T12:00:00'));
    expect(await core.orders.applyDeadline('accepted_ask', [o.id])).toHaveLength(1);
    await expect(core.orders.cancel(o.id, { kind: 'shop', shopId: shop.id })).rejects.toBeInstanceOf(
      InvalidTransitionError,
    );
    const cancelled = await core.orders.cancel(o.id, { kind: 'buyer', buyerId: buyer.id });
    expect(cancelled).toMatchObject({ status: 'cancelled', reason: 'not_received' });
    expect(await core.orders.cancel(o.id, { kind: 'buyer', buyerId: buyer.id })).toMatchObject({ status: 'cancelled' });
    expect(await ledger.shopBalance(t.db, shop.id, '2026-11')).toEqual({ held: 0, committed: 0 });
    expect(await notices(o.id)).toContain('order.cancelled_not_received');
  });

  it('answered "sudah diterima": the order is delivered and its payment deadlines start', async () => {
    const { o, buyer } = await acceptedOrder();
    clock.set(wib('2026-12-01T12:00:00'));
    await core.orders.applyDeadline('accepted_ask', [o.id]);
    await core.orders.markDelivered(o.id, { kind: 'buyer', buyerId: buyer.id });
    expect(await order(o.id)).toMatchObject({
      status: 'delivered',
      ask_at: null,
      remind_at: wib('2026-12-01T16:00:00').toISOString(),
    });
    // The accepted state's late steps no longer apply.
    clock.set(wib('2026-12-03T12:00:00'));
    expect(await core.orders.applyDeadline('accepted_expire', [o.id])).toEqual([]);
  });
});

describe('deadlines of delivered orders', () => {
  it('reminds both sides, then puts the unpaid order on the review list with its hold kept; flagging is idempotent and audited', async () => {
    const { o, shop } = await acceptedOrder();
    clock.set(wib('2026-12-01T07:00:00'));
    await core.orders.markDelivered(o.id, { kind: 'shop', shopId: shop.id });
    await restartRedis();
    clock.set(wib('2026-12-01T11:00:00'));
    expect(await core.sweeper.sweep()).toMatchObject({ deadlines: 1 });
    expect(await notices(o.id)).toEqual(
      expect.arrayContaining(['order.payment_reminder', 'order.payment_reminder_shop']),
    );
    expect(await ordersForReview(t.db, 10)).toEqual([]);
    // 1440 open minutes from 07:00 on 1 December: 14 h that day, 10 h on the 2nd, from 06:00.
    clock.set(wib('2026-12-02T16:00:00'));
    expect(await core.sweeper.sweep()).toMatchObject({ deadlines: 1 });
    const flagged = await order(o.id);
    expect(flagged).toMatchObject({
      status: 'delivered',
      review_reason: 'payment_overdue',
      review_at: clock.now().toISOString(),
      expires_at: null,
    });
    expect((await ordersForReview(t.db, 10)).map((r) => [r.id, r.shop_name])).toEqual([[o.id, shop.name]]);
    expect(await ledger.shopBalance(t.db, shop.id, '2026-11')).toEqual({ held: 100_000, committed: 0 });
    expect(await notices(o.id)).toEqual(expect.arrayContaining(['order.review', 'order.review_shop']));

    await core.orders.flagForReview(o.id, 'payment_overdue');
    await core.orders.flagForReview(o.id, 'dispute');
    await core.orders.flagForReview(o.id, 'payment_overdue');
    expect(await order(o.id)).toMatchObject({ review_reason: 'dispute' });
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('entity', '=', 'order')
      .where('entity_id', '=', o.id)
      .execute();
    expect(audit).toEqual([
      { action: 'order.review', after: '"payment_overdue"' },
      { action: 'order.review', after: '"dispute"' },
    ]);
    // Paid after all: completing takes it off the list.
    await core.orders.confirmPaid(o.id, { kind: 'shop', shopId: shop.id });
    expect(await ordersForReview(t.db, 10)).toEqual([]);
    expect((await ledger.verify(t.db)).ok).toBe(true);
  });

  it('refuses to flag an order that is not accepted or delivered', async () => {
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
    await expect(core.orders.flagForReview(o.id, 'dispute')).rejects.toBeInstanceOf(InvalidTransitionError);
  });
});

describe('reserved orders and opening hours', () => {
  it('a night order waits: its clocks start at the opening, the buyer is told when the shop answers, and after a Redis restart the sweeper reminds and expires it across the month boundary', async () => {
    const shop = await makeShop(t.db);
    const product = await makeProduct(t.db, shop.id);
    const buyer = await makeBuyer(t.db);
    clock.set(wib('2026-11-30T22:10:00'));
    const o = await core.orders.place({
      buyerId: buyer.id,
      shopId: shop.id,
      items: [{ productId: product.id, quantity: 1 }],
      fulfilment: 'pickup',
    });
    expect(await core.orders.reserve(o.id)).toMatchObject({ outcome: 'reserved' });
    expect(await order(o.id)).toMatchObject({
      remind_at: wib('2026-12-01T06:30:00').toISOString(),
      expires_at: wib('2026-12-01T08:00:00').toISOString(),
    });
    const waiting = await t.db
      .selectFrom('notifications')
      .select('params')
      .where('order_id', '=', o.id)
      .where('template', '=', 'order.waits_for_opening')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(waiting.params)).toMatchObject({ opensTime: '06:00', opensDate: '2026-12-01' });
    // Redis comes back empty: the reminder's timer is gone, the sweeper applies both steps from SQLite.
    await core.dispatcher.flush();
    await restartRedis();
    clock.set(wib('2026-12-01T06:29:00'));
    expect(await core.sweeper.sweep()).toMatchObject({ reminded: 0, expired: 0 });
    clock.set(wib('2026-12-01T06:30:00'));
    expect(await core.sweeper.sweep()).toMatchObject({ reminded: 1, expired: 0 });
    expect((await notices(o.id)).filter((n) => n === 'order.reminder')).toHaveLength(1);
    // At 07:59 it still waits for the shop; at 08:00 (120 open minutes) it expires, and its November hold goes.
    clock.set(wib('2026-12-01T07:59:00'));
    expect(await core.sweeper.sweep()).toMatchObject({ reminded: 0, expired: 0 });
    expect((await order(o.id)).status).toBe('reserved');
    expect(await ledger.shopBalance(t.db, shop.id, '2026-11')).toEqual({ held: product.price, committed: 0 });
    clock.set(wib('2026-12-01T08:00:00'));
    expect(await core.sweeper.sweep()).toMatchObject({ expired: 1 });
    expect(await order(o.id)).toMatchObject({ status: 'expired', reason: 'no_answer', period: '2026-11' });
    expect(await ledger.shopBalance(t.db, shop.id, '2026-11')).toEqual({ held: 0, committed: 0 });
    expect((await ledger.verify(t.db)).ok).toBe(true);
  });

  it('an order just before closing is reminded next morning; one in the day is not told to wait', async () => {
    const shop = await makeShop(t.db);
    const product = await makeProduct(t.db, shop.id);
    const buyer = await makeBuyer(t.db);
    clock.set(wib('2026-11-30T20:50:00'));
    const late = await core.orders.place({
      buyerId: buyer.id,
      shopId: shop.id,
      items: [{ productId: product.id, quantity: 1 }],
      fulfilment: 'pickup',
    });
    await core.orders.reserve(late.id);
    expect(await order(late.id)).toMatchObject({
      remind_at: wib('2026-12-01T06:20:00').toISOString(),
      expires_at: wib('2026-12-01T07:50:00').toISOString(),
    });
    expect(await notices(late.id)).not.toContain('order.waits_for_opening');
  });

  it('refuses an order for a shop closed by its owner (libur) with the reason shop_closed', async () => {
    const shop = await makeShop(t.db);
    const product = await makeProduct(t.db, shop.id);
    const buyer = await makeBuyer(t.db);
    await t.db
      .updateTable('shops')
      .set({
        closed_from: wib('2026-11-30T00:00:00').toISOString(),
        closed_until: wib('2026-12-01T00:00:00').toISOString(),
      })
      .where('id', '=', shop.id)
      .execute();
    const o = await core.orders.place({
      buyerId: buyer.id,
      shopId: shop.id,
      items: [{ productId: product.id, quantity: 1 }],
      fulfilment: 'pickup',
    });
    expect(await core.orders.reserve(o.id)).toMatchObject({ outcome: 'refused', reason: 'shop_closed' });
  });
});
