import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { orderEvents } from '../../src/orders/order-event.repository.js';
import { InvalidTransitionError } from '../../src/orders/order.errors.js';
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

async function reservedOrder() {
  const s = domainServices(t.db);
  const buyer = await makeBuyer(t.db);
  const shop = await makeShop(t.db);
  const product = await makeProduct(t.db, shop.id, { price: 65_000 });
  const o = await s.orders.place({
    buyerId: buyer.id,
    shopId: shop.id,
    items: [{ productId: product.id, quantity: 1 }],
    fulfilment: 'pickup',
  });
  await s.orders.reserve(o.id);
  return { ...s, buyer, shop, o };
}

describe('the order event log', () => {
  it('records every transition with who, when, from which status and on which channel', async () => {
    const w = await reservedOrder();
    const shopVia = { kind: 'shop', shopId: w.shop.id, via: { channel: 'telegram', phone: '+6281200000001' } } as const;
    await w.orders.accept(w.o.id, shopVia);
    w.clock.advance(60_000);
    await w.orders.markDelivered(w.o.id, {
      kind: 'buyer',
      buyerId: w.buyer.id,
      via: { channel: 'web', phone: w.buyer.phone },
    });
    await w.orders.confirmPaid(w.o.id, shopVia);
    const log = await orderEvents(t.db, w.o.id);
    expect(log.map((e) => [e.event, e.actorKind, e.actor, e.channel, e.from, e.to])).toEqual([
      ['accepted', 'shop', '+6281200000001', 'telegram', 'reserved', 'accepted'],
      ['delivered', 'buyer', w.buyer.phone, 'web', 'accepted', 'delivered'],
      ['shop_received', 'shop', '+6281200000001', 'telegram', 'delivered', 'completed'],
    ]);
    expect(log[1]!.at).toBe('2026-11-10T03:01:00.000Z');
  });

  it('writes nothing for a repeated or refused transition, and the log cannot be edited', async () => {
    const w = await reservedOrder();
    const shop = { kind: 'shop', shopId: w.shop.id } as const;
    await w.orders.accept(w.o.id, shop);
    await w.orders.accept(w.o.id, shop);
    await expect(w.orders.cancel(w.o.id, { kind: 'buyer', buyerId: w.buyer.id })).rejects.toBeInstanceOf(
      InvalidTransitionError,
    );
    const log = await orderEvents(t.db, w.o.id);
    expect(log.map((e) => e.event)).toEqual(['accepted']);
    await expect(t.db.updateTable('order_events').set({ event: 'x' }).execute()).rejects.toThrow(/append-only/);
    await expect(t.db.deleteFrom('order_events').execute()).rejects.toThrow(/append-only/);
  });

  it('records an expiry by the system', async () => {
    const w = await reservedOrder();
    await w.orders.expire(w.o.id);
    expect((await orderEvents(t.db, w.o.id)).map((e) => [e.event, e.actorKind, e.actor])).toEqual([
      ['expired', 'system', null],
    ]);
  });
});
