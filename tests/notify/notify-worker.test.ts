import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createCore, type Core } from '../../src/app/core.js';
import type { NotificationDelivery, NotificationToDeliver } from '../../src/notify/delivery.js';
import { ScaledClock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/logger.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { waitUntil } from '../support/processes.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

let t: TestDb;
let core: Core;
let prefix: string;
beforeEach(async () => {
  t = await createTestDb();
  prefix = `t-notify-${process.pid}-${Date.now()}`;
  core = await createCore({
    database: t.location,
    redisUrl: inject('redisUrl'),
    queuePrefix: prefix,
    workerConcurrency: 4,
    workerLockMs: 5000,
    sweepIntervalMs: 60_000,
    outboxIntervalMs: 50,
    telegramRatePerSecond: 50,
    logger: silentLogger(),
    workers: true,
    // Real time, moved to 10:00 WIB today: the shops are open (06:00–21:00 by default), so an order's
    // notices are the ones asserted here, whatever the hour the suite runs (after 21:00 WIB the buyer is
    // also told when the closed shop will answer, which these counts do not expect).
    clock: new ScaledClock(new Date(`${new Date().toISOString().slice(0, 10)}T03:00:00Z`), 1),
  });
});
afterEach(async () => {
  await core.queues.orders.obliterate({ force: true }).catch(() => {});
  await core.queues.notify.obliterate({ force: true }).catch(() => {});
  await core.close();
  await t.cleanup();
});

/** A delivery that fails in the ways platforms do, by recipient. */
class ScriptedDelivery implements NotificationDelivery {
  readonly sent: NotificationToDeliver[] = [];
  rateLimitedOnce = new Set<string>();
  constructor(private readonly script: Record<string, 'blocked' | 'rate_limited_once' | 'unlinked'>) {}
  async deliver(n: NotificationToDeliver) {
    const what = this.script[n.recipientPhone];
    if (what === 'blocked')
      throw Object.assign(new Error('Forbidden: bot was blocked by the user'), { kind: 'blocked' });
    if (what === 'unlinked') return { status: 'unreachable' as const };
    if (what === 'rate_limited_once' && !this.rateLimitedOnce.has(n.recipientPhone)) {
      this.rateLimitedOnce.add(n.recipientPhone);
      throw Object.assign(new Error('Too Many Requests: retry after 1'), { kind: 'rate_limited', retryAfterSec: 1 });
    }
    this.sent.push(n);
    return { status: 'sent' as const, channel: 'telegram' };
  }
}

async function orderTo(shopPhone: string) {
  const shop = await makeShop(t.db, { ownerPhone: shopPhone });
  const product = await makeProduct(t.db, shop.id);
  const buyer = await makeBuyer(t.db);
  const o = await core.orders.place({
    buyerId: buyer.id,
    shopId: shop.id,
    items: [{ productId: product.id, quantity: 1 }],
    fulfilment: 'pickup',
  });
  return o;
}

const statusOf = async (phone: string) =>
  (await t.db
    .selectFrom('notifications')
    .select(['status', 'error'])
    .where('recipient_phone', '=', phone)
    .executeTakeFirst()) ?? null;

describe('notify worker', () => {
  it('sends the new-order notice to the shop once, marks blocked recipients failed, and waits out a 429', async () => {
    const delivery = new ScriptedDelivery({
      '+6281300000002': 'blocked',
      '+6281300000003': 'rate_limited_once',
      '+6281300000004': 'unlinked',
    });
    core.startWorkers(delivery);
    for (const phone of ['+6281300000001', '+6281300000002', '+6281300000003', '+6281300000004']) await orderTo(phone);
    await waitUntil(
      async () => {
        const rows = await t.db.selectFrom('notifications').select('status').execute();
        return rows.length === 4 && rows.every((r) => r.status !== 'queued');
      },
      20_000,
      'all notices handled',
    );
    expect((await statusOf('+6281300000001'))?.status).toBe('sent');
    expect(await statusOf('+6281300000002')).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/blocked/),
    });
    expect((await statusOf('+6281300000003'))?.status).toBe('sent');
    expect((await statusOf('+6281300000004'))?.status).toBe('unreachable');
    expect(delivery.sent.map((n) => n.template)).toEqual(['order.new', 'order.new']);
    expect(delivery.sent.map((n) => n.recipientPhone).sort()).toEqual(['+6281300000001', '+6281300000003']);
  });

  it('does not send a notification twice when its job is delivered again', async () => {
    const delivery = new ScriptedDelivery({});
    core.startWorkers(delivery);
    await orderTo('+6281300000005');
    await waitUntil(async () => (await statusOf('+6281300000005'))?.status === 'sent', 20_000, 'the notice sent');
    const n = await t.db.selectFrom('notifications').select('id').executeTakeFirstOrThrow();
    // The same job again, as the sweeper or a Redis replay would add it.
    await core.queues.notify.add('send', { notificationId: n.id }, { jobId: `again-${n.id}` });
    await new Promise((r) => setTimeout(r, 500));
    expect(delivery.sent).toHaveLength(1);
  });
});

describe('sweeper', () => {
  it('expires an order whose shop never answered, even when its timer job was lost', async () => {
    core.startWorkers();
    const o = await orderTo('+6281300000006');
    await waitUntil(async () => (await core.orders.get(o.id))?.status === 'reserved', 20_000, 'the order reserved');
    // Redis loses the delayed jobs (no persistence); the order's deadlines are in SQLite.
    await core.queues.orders.obliterate({ force: true });
    await t.db
      .updateTable('orders')
      .set({ remind_at: '2000-01-01T00:00:00.000Z', expires_at: '2000-01-01T00:00:00.000Z' })
      .where('id', '=', o.id)
      .execute();
    const report = await core.sweeper.sweep();
    expect(report).toMatchObject({ expired: 1 });
    expect((await core.orders.get(o.id))?.status).toBe('expired');
    const entries = await t.db.selectFrom('ledger_entries').select('kind').where('order_id', '=', o.id).execute();
    expect(entries.map((e) => e.kind).sort()).toEqual(['hold', 'hold', 'release', 'release']);
  });
});
