import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOrderService } from '../../src/orders/order.service.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { domainServices } from '../support/services.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

async function world() {
  const s = domainServices(t.db);
  const buyer = await makeBuyer(t.db);
  const shop = await makeShop(t.db);
  const product = await makeProduct(t.db, shop.id, { price: 20_000 });
  const input = (requestKey?: string, quantity = 1) => ({
    buyerId: buyer.id,
    shopId: shop.id,
    items: [{ productId: product.id, quantity }],
    fulfilment: 'pickup' as const,
    requestKey,
  });
  const count = async () => ({
    orders: (await t.db.selectFrom('orders').select('id').execute()).length,
    outbox: (await t.db.selectFrom('outbox').select('id').where('job_name', '=', 'reserve').execute()).length,
  });
  return { ...s, input, count };
}

describe('placing with a request key', () => {
  it('returns the first order for a repeated key and writes nothing more', async () => {
    const w = await world();
    const first = await w.orders.place(w.input('telegram:1001'));
    const again = await w.orders.place(w.input('telegram:1001', 5));
    expect(again).toEqual(first);
    expect(await w.count()).toEqual({ orders: 1, outbox: 1 });
  });

  it('places one order for the same key sent at once, in one batch or from two services on one file', async () => {
    const w = await world();
    const other = createOrderService({ db: t.db, clock: w.clock, settings: w.settings });
    const placed = await Promise.all([
      w.orders.place(w.input('wa:ABC')),
      w.orders.place(w.input('wa:ABC')),
      other.place(w.input('wa:ABC')),
      other.place(w.input('wa:ABC')),
    ]);
    expect(new Set(placed.map((o) => o.id)).size).toBe(1);
    expect(await w.count()).toEqual({ orders: 1, outbox: 1 });
  });

  it('places separate orders for different keys and for none', async () => {
    const w = await world();
    await w.orders.place(w.input('telegram:1'));
    await w.orders.place(w.input('telegram:2'));
    await w.orders.place(w.input());
    await w.orders.place(w.input());
    expect(await w.count()).toEqual({ orders: 4, outbox: 4 });
  });

  it('never hands one buyer the order another buyer placed under the same key', async () => {
    const w = await world();
    const first = await w.orders.place(w.input('telegram:5:1001'));
    const other = await makeBuyer(t.db);
    await expect(w.orders.place({ ...w.input('telegram:5:1001'), buyerId: other.id })).rejects.toThrow(/already used/);
    const orders = await t.db.selectFrom('orders').select(['id', 'buyer_id']).execute();
    expect(orders).toEqual([{ id: first.id, buyer_id: first.buyer_id }]);
  });

  it('refuses a key that is empty or absurdly long, writing nothing', async () => {
    const w = await world();
    await expect(w.orders.place(w.input(''))).rejects.toThrow(/requestKey/);
    await expect(w.orders.place(w.input('x'.repeat(201)))).rejects.toThrow(/requestKey/);
    expect(await w.count()).toEqual({ orders: 0, outbox: 0 });
  });
});
