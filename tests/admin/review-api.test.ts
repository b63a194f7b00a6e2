import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledger } from '../../src/ledger/index.js';
import { buildOpenApi } from '../../src/server/admin/openapi.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { adminWorld, json } from './support.js';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

/** An order the buyer says is paid and the shop says is not: on the review list. */
async function disputed(w: Awaited<ReturnType<typeof adminWorld>>) {
  const buyer = await makeBuyer(t.db);
  const shop = await makeShop(t.db);
  const product = await makeProduct(t.db, shop.id, { price: 50_000 });
  const o = await w.orders.place({
    buyerId: buyer.id,
    shopId: shop.id,
    items: [{ productId: product.id, quantity: 1 }],
    fulfilment: 'pickup',
  });
  await w.orders.reserve(o.id);
  await w.orders.accept(o.id, { kind: 'shop', shopId: shop.id });
  await w.orders.claimPaid(
    o.id,
    { kind: 'buyer', buyerId: buyer.id, via: { channel: 'telegram', phone: buyer.phone } },
    { method: 'qris' },
  );
  await w.orders.denyReceived(o.id, { kind: 'shop', shopId: shop.id, via: { channel: 'whatsapp' } });
  return { o, shop };
}

describe('admin API: the review list and resolutions', () => {
  it('lists the disputed order with both statements, shows its log, and resolves it once, audited', async () => {
    const w = await adminWorld(t.db);
    const { o, shop } = await disputed(w);
    // The app's own order service (deps.orders unset) works on the same database.
    const list = (await (await w.asViewer('/api/review')).json()) as {
      orders: Array<{
        code: string;
        review_reason: string;
        statements: { buyer: { said: string; method: string }; shop: { said: string } };
      }>;
    };
    expect(list.orders).toHaveLength(1);
    expect(list.orders[0]).toMatchObject({
      code: o.code,
      review_reason: 'dispute',
      statements: { buyer: { said: 'paid', method: 'qris' }, shop: { said: 'not_received' } },
    });
    const events = (await (await w.asViewer(`/api/orders/${o.code}/events`)).json()) as {
      events: Array<{ event: string; channel: string | null }>;
    };
    expect(events.events.map((e) => [e.event, e.channel])).toEqual([
      ['accepted', null],
      ['buyer_paid', 'telegram'],
      ['review', null],
      ['shop_not_received', 'whatsapp'],
    ]);

    // Viewers read only; bad bodies are refused and change nothing.
    expect(
      (
        await w.asViewer(`/api/orders/${o.code}/resolve`, {
          method: 'POST',
          ...json({ outcome: 'cancel', reason: 'x' }),
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await w.asAdmin(`/api/orders/${o.code}/resolve`, {
          method: 'POST',
          ...json({ outcome: 'refund', reason: 'x' }),
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await w.asAdmin(`/api/orders/${o.code}/resolve`, {
          method: 'POST',
          ...json({ outcome: 'cancel', reason: '  ' }),
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await w.asAdmin('/api/orders/PK-ZZZZZZ/resolve', {
          method: 'POST',
          ...json({ outcome: 'cancel', reason: 'x' }),
        })
      ).status,
    ).toBe(404);
    expect((await w.orders.get(o.id))!.status).toBe('accepted');

    const res = await w.asAdmin(`/api/orders/${o.code}/resolve`, {
      method: 'POST',
      ...json({ outcome: 'complete', reason: 'Mutasi QRIS sudah dicek' }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ code: o.code, status: 'completed', reason: 'Mutasi QRIS sudah dicek' });
    const after = (await w.orders.get(o.id))!;
    expect(await ledger.shopBalance(t.db, shop.id, after.period!)).toEqual({ held: 0, committed: 50_000 });
    expect(
      (
        await w.asAdmin(`/api/orders/${o.code}/resolve`, {
          method: 'POST',
          ...json({ outcome: 'cancel', reason: 'lagi' }),
        })
      ).status,
    ).toBe(409);
    expect(((await (await w.asAdmin('/api/review')).json()) as { orders: unknown[] }).orders).toEqual([]);
    const audit = (await (await w.asAdmin('/api/audit')).json()) as {
      entries: Array<{ action: string; actor: string }>;
    };
    expect(audit.entries.find((a) => a.action === 'order.resolve_complete')?.actor).toMatch(/^admin:kantor kota#/);
  });

  it('describes the new routes in the OpenAPI document', () => {
    const paths = buildOpenApi().paths as Record<string, Record<string, { requestBody?: unknown }>>;
    expect(paths['/api/review']?.get).toBeDefined();
    expect(paths['/api/orders/{key}/events']?.get).toBeDefined();
    expect(paths['/api/orders/{key}/resolve']?.post?.requestBody).toBeDefined();
  });
});
