import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBroadcastService } from '../../src/broadcasts/broadcast.service.js';
import { createOpenOrdersReport } from '../../src/orders/open-orders.js';
import { runScheduledJob, schedulePatterns } from '../../src/jobs/scheduled-jobs.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { domainServices } from '../support/services.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

const wib = (s: string) => new Date(`${s}+07:00`);
let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

describe("the 1st of the month: last month's orders still open, for admins", () => {
  it('lists the open orders of the month that ended with their holds, once, on record in the audit log', async () => {
    const { clock, settings, orders } = domainServices(t.db, wib('2026-11-30T10:00:00').toISOString());
    const shop = await makeShop(t.db);
    const product = await makeProduct(t.db, shop.id, { price: 10_000 });
    const buyer = await makeBuyer(t.db);
    const place = async () => {
      const o = await orders.place({
        buyerId: buyer.id,
        shopId: shop.id,
        items: [{ productId: product.id, quantity: 1 }],
        fulfilment: 'pickup',
      });
      await orders.reserve(o.id);
      return o;
    };
    const waiting = await place();
    const accepted = await place();
    const done = await place();
    const asShop = { kind: 'shop', shopId: shop.id } as const;
    await orders.accept(accepted.id, asShop);
    await orders.accept(done.id, asShop);
    await orders.markDelivered(done.id, asShop);
    await orders.confirmPaid(done.id, asShop);
    clock.set(wib('2026-12-01T07:00:00'));
    const december = await place();

    const openOrders = createOpenOrdersReport({ db: t.db, clock });
    const deps = { broadcasts: createBroadcastService({ db: t.db, clock, settings }), settings, clock, openOrders };
    expect((await schedulePatterns(settings))['open-orders']).toBe('0 7 1 * *');
    expect(await runScheduledJob('open-orders', deps)).toBe(2);
    expect(await runScheduledJob('open-orders', deps)).toBeNull();
    const report = await openOrders.of('2026-11');
    expect(report).toMatchObject({ period: '2026-11', count: 2, held: 20_000 });
    expect(report.orders.map((o) => o.id).sort()).toEqual([waiting.id, accepted.id].sort());
    expect(report.orders.map((o) => o.id)).not.toContain(december.id);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['entity_id', 'after'])
      .where('action', '=', 'report.open_orders')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.entity_id).toBe('2026-11');
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ count: 2, held: 20_000 });
    // Not on another day.
    clock.set(wib('2026-12-02T07:00:00'));
    expect(await runScheduledJob('open-orders', deps)).toBeNull();
  });
});
