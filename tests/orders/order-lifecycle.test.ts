import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledger } from '../../src/ledger/index.js';
import { InvalidTransitionError } from '../../src/orders/order.errors.js';
import { NotFoundError, ValidationError } from '../../src/shared/errors.js';
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

async function world(p: { capOverride?: number; stock?: number | null } = {}) {
  const s = domainServices(t.db);
  const buyer = await makeBuyer(t.db);
  const shop = await makeShop(t.db, { capOverride: p.capOverride ?? null });
  const product = await makeProduct(t.db, shop.id, { price: 65_000, stock: p.stock ?? null });
  return { ...s, buyer, shop, product };
}

describe('order lifecycle', () => {
  it('goes from submitted to completed and commits the hold to the shop and the buyer', async () => {
    const w = await world();
    const placed = await w.orders.place({
      buyerId: w.buyer.id,
      shopId: w.shop.id,
      items: [{ productId: w.product.id, quantity: 2 }],
      fulfilment: 'delivery',
    });
    expect(placed.status).toBe('submitted');
    expect(placed.total).toBe(130_000);
    expect(placed.code).toMatch(/^PK-[2-9A-Z]{6}$/);

    const r = await w.orders.reserve(placed.id);
    expect(r.outcome).toBe('reserved');
    expect(r.order.period).toBe('2026-11');
    expect(await ledger.shopBalance(t.db, w.shop.id, '2026-11')).toEqual({ held: 130_000, committed: 0 });

    const shopActor = { kind: 'shop', shopId: w.shop.id } as const;
    await w.orders.accept(placed.id, shopActor);
    await w.orders.markDelivered(placed.id, shopActor);
    const done = await w.orders.confirmPaid(placed.id, shopActor);
    expect(done.status).toBe('completed');
    expect(await ledger.shopBalance(t.db, w.shop.id, '2026-11')).toEqual({ held: 0, committed: 130_000 });
    expect(await ledger.buyerBalance(t.db, w.buyer.id, '2026-11')).toEqual({ held: 0, committed: 130_000 });
    expect((await ledger.verify(t.db)).ok).toBe(true);
  });

  it('completes when payment is confirmed before delivery', async () => {
    const w = await world();
    const o = await w.orders.place({
      buyerId: w.buyer.id,
      shopId: w.shop.id,
      items: [{ productId: w.product.id, quantity: 1 }],
      fulfilment: 'pickup',
    });
    await w.orders.reserve(o.id);
    const shopActor = { kind: 'shop', shopId: w.shop.id } as const;
    await w.orders.accept(o.id, shopActor);
    expect((await w.orders.confirmPaid(o.id, shopActor)).status).toBe('accepted');
    expect((await w.orders.markDelivered(o.id, { kind: 'buyer', buyerId: w.buyer.id })).status).toBe('completed');
    expect(await ledger.shopBalance(t.db, w.shop.id, '2026-11')).toEqual({ held: 0, committed: 65_000 });
  });

  it('applies each transition at most once however often it is repeated', async () => {
    const w = await world({ stock: 10 });
    const o = await w.orders.place({
      buyerId: w.buyer.id,
      shopId: w.shop.id,
      items: [{ productId: w.product.id, quantity: 3 }],
      fulfilment: 'delivery',
    });
    await w.orders.reserve(o.id);
    expect((await w.orders.reserve(o.id)).outcome).toBe('unchanged');
    const shopActor = { kind: 'shop', shopId: w.shop.id } as const;
    await w.orders.reject(o.id, shopActor, 'stok habis');
    await w.orders.reject(o.id, shopActor, 'stok habis');
    const entries = await t.db
      .selectFrom('ledger_entries')
      .select(['account', 'kind'])
      .where('order_id', '=', o.id)
      .execute();
    expect(entries).toHaveLength(4); // hold + release on the shop and on the buyer
    const notices = await t.db.selectFrom('notifications').select('template').where('order_id', '=', o.id).execute();
    expect(notices.filter((n) => n.template === 'order.rejected')).toHaveLength(1);
    // The stock taken by the hold came back exactly once.
    const p = await t.db
      .selectFrom('products')
      .select('stock')
      .where('id', '=', w.product.id)
      .executeTakeFirstOrThrow();
    expect(p.stock).toBe(10);
    expect((await ledger.verify(t.db)).ok).toBe(true);
  });

  it('refuses a transition from a state that does not allow it', async () => {
    const w = await world();
    const o = await w.orders.place({
      buyerId: w.buyer.id,
      shopId: w.shop.id,
      items: [{ productId: w.product.id, quantity: 1 }],
      fulfilment: 'delivery',
    });
    await w.orders.reserve(o.id);
    await w.orders.cancel(o.id, { kind: 'buyer', buyerId: w.buyer.id });
    await expect(w.orders.accept(o.id, { kind: 'shop', shopId: w.shop.id })).rejects.toBeInstanceOf(
      InvalidTransitionError,
    );
  });

  it('hides an order from a shop that is not its own', async () => {
    const w = await world();
    const other = await makeShop(t.db);
    const o = await w.orders.place({
      buyerId: w.buyer.id,
      shopId: w.shop.id,
      items: [{ productId: w.product.id, quantity: 1 }],
      fulfilment: 'delivery',
    });
    await w.orders.reserve(o.id);
    await expect(w.orders.accept(o.id, { kind: 'shop', shopId: other.id })).rejects.toBeInstanceOf(NotFoundError);
    expect((await w.orders.get(o.id))?.status).toBe('reserved');
  });

  it('refuses an order that would pass the shop cap, with the cap reason and no ledger entry', async () => {
    const w = await world({ capOverride: 100_000 });
    const o = await w.orders.place({
      buyerId: w.buyer.id,
      shopId: w.shop.id,
      items: [{ productId: w.product.id, quantity: 2 }],
      fulfilment: 'delivery',
    });
    const r = await w.orders.reserve(o.id);
    expect(r).toMatchObject({ outcome: 'refused', reason: 'shop_cap' });
    expect(r.order.status).toBe('refused');
    expect(await t.db.selectFrom('ledger_entries').selectAll().execute()).toHaveLength(0);
    const notice = await t.db
      .selectFrom('notifications')
      .selectAll()
      .where('order_id', '=', o.id)
      .executeTakeFirstOrThrow();
    expect(notice.template).toBe('order.refused');
  });

  it.each([
    ['a suspended shop', { status: 'suspended' as const }, 'shop_closed'],
    ['a shop marked closed', { isOpen: false }, 'shop_closed'],
    ['an unverified shop', { status: 'pending' as const }, 'shop_unverified'],
    ['a shop in another kecamatan', { kelurahan: '35.78.01.1001' }, 'outside_area'],
  ])('refuses an order from %s', async (_name, shopProps, reason) => {
    const s = domainServices(t.db);
    const buyer = await makeBuyer(t.db);
    const shop = await makeShop(t.db, shopProps);
    const product = await makeProduct(t.db, shop.id);
    const o = await s.orders.place({
      buyerId: buyer.id,
      shopId: shop.id,
      items: [{ productId: product.id, quantity: 1 }],
      fulfilment: 'delivery',
    });
    expect(await s.orders.reserve(o.id)).toMatchObject({ outcome: 'refused', reason });
  });

  it('refuses when stock does not cover the quantity', async () => {
    const w = await world({ stock: 1 });
    const o = await w.orders.place({
      buyerId: w.buyer.id,
      shopId: w.shop.id,
      items: [{ productId: w.product.id, quantity: 2 }],
      fulfilment: 'delivery',
    });
    expect(await w.orders.reserve(o.id)).toMatchObject({ outcome: 'refused', reason: 'out_of_stock' });
  });

  it('refuses above the buyer monthly maximum and the per-order maximum when they are set', async () => {
    const w = await world();
    await w.settings.set('order_max', '100000', 'test');
    const big = await w.orders.place({
      buyerId: w.buyer.id,
      shopId: w.shop.id,
      items: [{ productId: w.product.id, quantity: 2 }],
      fulfilment: 'delivery',
    });
    expect(await w.orders.reserve(big.id)).toMatchObject({ outcome: 'refused', reason: 'order_max' });
    await w.settings.set('buyer_monthly_max', '100000', 'test');
    const first = await w.orders.place({
      buyerId: w.buyer.id,
      shopId: w.shop.id,
      items: [{ productId: w.product.id, quantity: 1 }],
      fulfilment: 'delivery',
    });
    expect((await w.orders.reserve(first.id)).outcome).toBe('reserved');
    const second = await w.orders.place({
      buyerId: w.buyer.id,
      shopId: w.shop.id,
      items: [{ productId: w.product.id, quantity: 1 }],
      fulfilment: 'delivery',
    });
    expect(await w.orders.reserve(second.id)).toMatchObject({ outcome: 'refused', reason: 'buyer_max' });
  });

  it('expires an unanswered order, releases its hold and ignores a late timer afterwards', async () => {
    const w = await world();
    const o = await w.orders.place({
      buyerId: w.buyer.id,
      shopId: w.shop.id,
      items: [{ productId: w.product.id, quantity: 1 }],
      fulfilment: 'delivery',
    });
    const r = await w.orders.reserve(o.id);
    expect(r.order.expires_at).toBe('2026-11-10T05:00:00.000Z');
    expect((await w.orders.expire(o.id)).status).toBe('expired');
    expect((await w.orders.expire(o.id)).status).toBe('expired');
    expect(await ledger.shopBalance(t.db, w.shop.id, '2026-11')).toEqual({ held: 0, committed: 0 });
    expect((await ledger.verify(t.db)).ok).toBe(true);
  });
});

describe('month boundary', () => {
  it('counts a hold at 23:59 WIB on the last day and one at 00:01 WIB on the first in different months', async () => {
    const w = await world();
    const place = () =>
      w.orders.place({
        buyerId: w.buyer.id,
        shopId: w.shop.id,
        items: [{ productId: w.product.id, quantity: 1 }],
        fulfilment: 'delivery',
      });
    w.clock.set('2026-11-30T16:59:00.000Z'); // 23:59 WIB, 30 November
    const late = await place();
    expect((await w.orders.reserve(late.id)).order.period).toBe('2026-11');
    w.clock.set('2026-11-30T17:01:00.000Z'); // 00:01 WIB, 1 December
    const early = await place();
    expect((await w.orders.reserve(early.id)).order.period).toBe('2026-12');
    expect(await ledger.shopBalance(t.db, w.shop.id, '2026-11')).toEqual({ held: 65_000, committed: 0 });
    expect(await ledger.shopBalance(t.db, w.shop.id, '2026-12')).toEqual({ held: 65_000, committed: 0 });
  });
});

describe('bad order input', () => {
  it.each([
    ['a zero quantity', { quantity: 0 }],
    ['a negative quantity', { quantity: -3 }],
    ['a fractional quantity', { quantity: 1.5 }],
    ['an absurd quantity', { quantity: 1_000_000 }],
  ])('rejects %s with a clear error and writes nothing', async (_n, item) => {
    const w = await world();
    await expect(
      w.orders.place({
        buyerId: w.buyer.id,
        shopId: w.shop.id,
        items: [{ productId: w.product.id, ...item }],
        fulfilment: 'delivery',
      }),
    ).rejects.toThrow(ValidationError);
    expect(await t.db.selectFrom('orders').selectAll().execute()).toHaveLength(0);
    expect(await t.db.selectFrom('outbox').selectAll().execute()).toHaveLength(0);
  });

  it('rejects an unknown shop, an unknown buyer and a product of another shop', async () => {
    const w = await world();
    const other = await makeShop(t.db);
    const foreign = await makeProduct(t.db, other.id);
    await expect(
      w.orders.place({
        buyerId: w.buyer.id,
        shopId: 9999,
        items: [{ productId: w.product.id, quantity: 1 }],
        fulfilment: 'delivery',
      }),
    ).rejects.toThrow(NotFoundError);
    await expect(
      w.orders.place({
        buyerId: 9999,
        shopId: w.shop.id,
        items: [{ productId: w.product.id, quantity: 1 }],
        fulfilment: 'delivery',
      }),
    ).rejects.toThrow(NotFoundError);
    await expect(
      w.orders.place({
        buyerId: w.buyer.id,
        shopId: w.shop.id,
        items: [{ productId: foreign.id, quantity: 1 }],
        fulfilment: 'delivery',
      }),
    ).rejects.toThrow(/not sold by this shop/);
    expect(await t.db.selectFrom('orders').selectAll().execute()).toHaveLength(0);
  });
});
