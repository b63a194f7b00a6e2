import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledger } from '../../src/ledger/index.js';
import { createOrderService, type ReserveOutcome } from '../../src/orders/order.service.js';
import { NotFoundError, ValidationError } from '../../src/shared/errors.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { domainServices } from '../support/services.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

// A worker reserves the jobs it fetched together in one transaction (reserveMany): the balances and
// stock are read once for the batch, so each order must be checked against what the orders before it
// in the same batch already took.

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

const outcomes = (rs: (ReserveOutcome | Error)[]) =>
  rs.map((r) =>
    r instanceof Error ? r.constructor.name : r.outcome === 'refused' ? `refused:${r.reason}` : r.outcome,
  );

describe('reserving a batch of orders in one transaction', () => {
  it('counts the holds taken earlier in the batch against the shop cap', async () => {
    const s = domainServices(t.db);
    const shop = await makeShop(t.db, { capOverride: 250_000 });
    const product = await makeProduct(t.db, shop.id, { price: 100_000 });
    const buyers = [await makeBuyer(t.db), await makeBuyer(t.db), await makeBuyer(t.db), await makeBuyer(t.db)];
    const orders = [];
    for (const b of buyers)
      orders.push(
        await s.orders.place({
          buyerId: b.id,
          shopId: shop.id,
          items: [{ productId: product.id, quantity: 1 }],
          fulfilment: 'pickup',
        }),
      );
    const small = await makeProduct(t.db, shop.id, { price: 50_000 });
    orders.push(
      await s.orders.place({
        buyerId: buyers[0]!.id,
        shopId: shop.id,
        items: [{ productId: small.id, quantity: 1 }],
        fulfilment: 'pickup',
      }),
    );

    const results = await s.orders.reserveMany(orders.map((o) => o.id));
    // 100k + 100k fit under 250k; the third and fourth do not; the 50k order still fits the room left.
    expect(outcomes(results)).toEqual(['reserved', 'reserved', 'refused:shop_cap', 'refused:shop_cap', 'reserved']);
    expect(await ledger.shopBalance(t.db, shop.id, '2026-11')).toEqual({ held: 250_000, committed: 0 });
    const stored = await t.db.selectFrom('orders').select(['id', 'status', 'reason']).execute();
    expect(new Map(stored.map((o) => [o.id, o.status]))).toEqual(
      new Map(orders.map((o, i) => [o.id, i === 2 || i === 3 ? 'refused' : 'reserved'])),
    );
    expect((await ledger.verify(t.db)).ok).toBe(true);
  });

  it('counts the batch against the buyer maximum, per buyer', async () => {
    const s = domainServices(t.db);
    await s.settings.set('buyer_monthly_max', '150000', 'test');
    const shop = await makeShop(t.db);
    const product = await makeProduct(t.db, shop.id, { price: 100_000 });
    const [a, b] = [await makeBuyer(t.db), await makeBuyer(t.db)];
    const place = (buyerId: number) =>
      s.orders.place({
        buyerId,
        shopId: shop.id,
        items: [{ productId: product.id, quantity: 1 }],
        fulfilment: 'pickup',
      });
    const orders = [await place(a.id), await place(a.id), await place(b.id)];
    expect(outcomes(await s.orders.reserveMany(orders.map((o) => o.id)))).toEqual([
      'reserved',
      'refused:buyer_max',
      'reserved',
    ]);
    expect(await ledger.buyerBalance(t.db, a.id, '2026-11')).toEqual({ held: 100_000, committed: 0 });
  });

  it('takes stock order by order, so that the batch never sells more than there is', async () => {
    const s = domainServices(t.db);
    const shop = await makeShop(t.db);
    const product = await makeProduct(t.db, shop.id, { price: 10_000, stock: 5 });
    const buyer = await makeBuyer(t.db);
    const orders = [];
    for (const quantity of [2, 2, 2, 1]) {
      orders.push(
        await s.orders.place({
          buyerId: buyer.id,
          shopId: shop.id,
          items: [{ productId: product.id, quantity }],
          fulfilment: 'pickup',
        }),
      );
    }
    expect(outcomes(await s.orders.reserveMany(orders.map((o) => o.id)))).toEqual([
      'reserved',
      'reserved',
      'refused:out_of_stock',
      'reserved',
    ]);
    const p = await t.db.selectFrom('products').select('stock').where('id', '=', product.id).executeTakeFirstOrThrow();
    expect(p.stock).toBe(0);
    // Releasing one gives its stock back exactly.
    await s.orders.cancel(orders[0]!.id, { kind: 'buyer', buyerId: buyer.id });
    expect(
      (await t.db.selectFrom('products').select('stock').where('id', '=', product.id).executeTakeFirstOrThrow()).stock,
    ).toBe(2);
  });

  it('answers a repeated and an unknown order on their own and still reserves the others', async () => {
    const s = domainServices(t.db);
    const shop = await makeShop(t.db);
    const product = await makeProduct(t.db, shop.id);
    const buyer = await makeBuyer(t.db);
    const place = () =>
      s.orders.place({
        buyerId: buyer.id,
        shopId: shop.id,
        items: [{ productId: product.id, quantity: 1 }],
        fulfilment: 'pickup',
      });
    const [o1, o2] = [await place(), await place()];
    const results = await s.orders.reserveMany([o1.id, 'nosuchorder000000000', o1.id, o2.id]);
    expect(outcomes(results)).toEqual(['reserved', 'NotFoundError', 'unchanged', 'reserved']);
    expect(results[1]).toBeInstanceOf(NotFoundError);
    // One hold per order on each account, one notice per order, one reminder timer for the batch.
    const entries = await t.db.selectFrom('ledger_entries').select(['order_id', 'account']).execute();
    expect(entries).toHaveLength(4);
    const notices = await t.db
      .selectFrom('notifications')
      .select('template')
      .where('template', '=', 'order.new')
      .execute();
    expect(notices).toHaveLength(2);
    const reminders = await t.db
      .selectFrom('outbox')
      .select(['job_id', 'payload'])
      .where('job_name', '=', 'remind')
      .execute();
    expect(reminders.map((r) => [r.job_id, JSON.parse(r.payload)])).toEqual([
      [`remind-${o1.id}`, { orderIds: [o1.id, o2.id] }],
    ]);
    // Reprocessing the whole batch changes nothing.
    expect(outcomes(await s.orders.reserveMany([o1.id, o2.id]))).toEqual(['unchanged', 'unchanged']);
    expect(await t.db.selectFrom('ledger_entries').selectAll().execute()).toHaveLength(4);
    expect(await ledger.shopBalance(t.db, shop.id, '2026-11')).toEqual({ held: 2 * product.price, committed: 0 });
  });

  it('gives every reserved order of a batch the timers and notice a single reserve gives', async () => {
    const s = domainServices(t.db);
    const shop = await makeShop(t.db);
    const product = await makeProduct(t.db, shop.id, { name: 'beras 5kg', price: 65_000 });
    const buyer = await makeBuyer(t.db);
    const orders = [];
    for (let i = 0; i < 3; i++)
      orders.push(
        await s.orders.place({
          buyerId: buyer.id,
          shopId: shop.id,
          items: [{ productId: product.id, quantity: 1 }],
          fulfilment: 'delivery',
        }),
      );
    await s.orders.reserveMany(orders.map((o) => o.id));
    for (const o of orders) {
      const stored = await t.db.selectFrom('orders').selectAll().where('id', '=', o.id).executeTakeFirstOrThrow();
      expect(stored).toMatchObject({
        status: 'reserved',
        period: '2026-11',
        reserved_at: '2026-11-10T03:00:00.000Z',
        remind_at: '2026-11-10T03:30:00.000Z',
        expires_at: '2026-11-10T05:00:00.000Z',
      });
      const notice = await t.db
        .selectFrom('notifications')
        .selectAll()
        .where('order_id', '=', o.id)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(notice.params)).toMatchObject({
        code: o.code,
        total: 65_000,
        orderId: o.id,
        items: '1 × beras 5kg (kg)',
      });
    }
  });
});

describe('placing a batch of orders in one transaction', () => {
  it('gives an order a fresh code when the one drawn is taken, alone or in a batch (found in the full-size simulation)', async () => {
    const s = domainServices(t.db);
    // Codes as a random source might draw them: the same one again and again, then others.
    const draws = ['PK-AAAAAA', 'PK-AAAAAA', 'PK-AAAAAA', 'PK-BBBBBB', 'PK-AAAAAA', 'PK-CCCCCC', 'PK-DDDDDD'];
    const orders = createOrderService({
      db: t.db,
      clock: s.clock,
      settings: s.settings,
      orderCode: () => draws.shift() ?? 'PK-ZZZZZZ',
    });
    const shop = await makeShop(t.db);
    const product = await makeProduct(t.db, shop.id);
    const buyer = await makeBuyer(t.db);
    const place = () =>
      orders.place({
        buyerId: buyer.id,
        shopId: shop.id,
        items: [{ productId: product.id, quantity: 1 }],
        fulfilment: 'pickup',
      });
    const first = await place();
    const second = await place();
    const [third, fourth] = await Promise.all([place(), place()]);
    expect([first, second, third!, fourth!].map((o) => o.code).sort()).toEqual([
      'PK-AAAAAA',
      'PK-BBBBBB',
      'PK-CCCCCC',
      'PK-DDDDDD',
    ]);
    expect(await t.db.selectFrom('orders').select('code').execute()).toHaveLength(4);
  });

  it('writes the good orders of a batch and fails only the bad ones', async () => {
    const s = domainServices(t.db);
    const shop = await makeShop(t.db);
    const other = await makeShop(t.db);
    const product = await makeProduct(t.db, shop.id, { price: 20_000 });
    const foreign = await makeProduct(t.db, other.id);
    const buyer = await makeBuyer(t.db);
    const placed = await Promise.allSettled([
      s.orders.place({
        buyerId: buyer.id,
        shopId: shop.id,
        items: [{ productId: product.id, quantity: 3 }],
        fulfilment: 'pickup',
        note: 'titip tetangga',
      }),
      s.orders.place({
        buyerId: buyer.id,
        shopId: shop.id,
        items: [{ productId: foreign.id, quantity: 1 }],
        fulfilment: 'pickup',
      }),
      s.orders.place({
        buyerId: buyer.id,
        shopId: 424242,
        items: [{ productId: product.id, quantity: 1 }],
        fulfilment: 'pickup',
      }),
      s.orders.place({
        buyerId: buyer.id,
        shopId: other.id,
        items: [{ productId: foreign.id, quantity: 2 }],
        fulfilment: 'delivery',
      }),
    ]);
    expect(placed.map((p) => p.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((placed[1] as PromiseRejectedResult).reason).toBeInstanceOf(ValidationError);
    expect((placed[2] as PromiseRejectedResult).reason).toBeInstanceOf(NotFoundError);
    const first = (placed[0] as PromiseFulfilledResult<{ id: string }>).value;
    const stored = await t.db.selectFrom('orders').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      status: 'submitted',
      total: 60_000,
      note: 'titip tetangga',
      buyer_id: buyer.id,
      shop_id: shop.id,
      period: null,
    });
    const items = await t.db.selectFrom('order_items').selectAll().where('order_id', '=', first.id).execute();
    expect(items).toEqual([
      {
        order_id: first.id,
        line_no: 1,
        product_id: product.id,
        name: product.name,
        unit: product.unit,
        price: 20_000,
        quantity: 3,
      },
    ]);
    expect(await t.db.selectFrom('orders').selectAll().execute()).toHaveLength(2);
    const jobs = await t.db.selectFrom('outbox').select(['job_id', 'payload']).execute();
    expect(jobs).toHaveLength(2);
    expect(jobs.find((j) => j.job_id === `reserve-${first.id}`)?.payload).toBe(JSON.stringify({ orderId: first.id }));
  });
});
