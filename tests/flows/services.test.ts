import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNotificationDelivery } from '../../bots/flows/index.js';
import type { NotificationDelivery } from '../../src/notify/delivery.js';
import { createCatalogService } from '../../src/shops/catalog.service.js';
import { createListingService } from '../../src/shops/listing.service.js';
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

describe('services behind the flows', () => {
  it('pages the listing by name among equally earning shops, honouring the kecamatan and kelurahan policies', async () => {
    const s = domainServices(t.db);
    const buyer = await makeBuyer(t.db, { kelurahan: '35.78.07.1003' });
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await makeShop(t.db, { linked: true, kelurahan: '35.78.07.1003' })).id);
    const sameKecamatan = await makeShop(t.db, { linked: true, kelurahan: '35.78.07.1001' });
    // The neighbouring kecamatan on either side: outside the default (kecamatan) policy.
    const outside = [
      await makeShop(t.db, { linked: true, kelurahan: '35.78.06.1001' }),
      await makeShop(t.db, { linked: true, kelurahan: '35.78.08.1001' }),
    ];
    const listing = createListingService({ db: t.db, clock: s.clock, settings: s.settings });
    const p0 = await listing.shopsFor(buyer.id, 0, 4);
    expect(p0).toMatchObject({ page: 0, pages: 2, total: 6 });
    const p1 = await listing.shopsFor(buyer.id, 1, 4);
    expect([...p0.items, ...p1.items].map((x) => x.id).sort((a, b) => a - b)).toEqual([...ids, sameKecamatan.id]);
    for (const shop of outside) expect(await listing.canOrderFrom(buyer.id, shop.id)).toBe(false);
    expect(await listing.canOrderFrom(buyer.id, sameKecamatan.id)).toBe(true);
    await s.settings.set('area_policy', 'kelurahan', 'test');
    const all = await listing.shopsFor(buyer.id, 0, 10);
    expect(all.items.map((x) => x.id).sort((a, b) => a - b)).toEqual(ids);
    expect(all.items.map((x) => x.name)).toEqual([...all.items.map((x) => x.name)].sort());
    expect(await listing.canOrderFrom(buyer.id, sameKecamatan.id)).toBe(false);
  });

  it('lists a shop that let three orders expire unanswered this week after the shops that answer, until the week has passed', async () => {
    const s = domainServices(t.db); // now: 2026-11-10T03:00Z
    const buyer = await makeBuyer(t.db);
    const [silent, answering, earning, longAgo] = [
      await makeShop(t.db, { linked: true }),
      await makeShop(t.db, { linked: true }),
      await makeShop(t.db, { linked: true }),
      await makeShop(t.db, { linked: true }),
    ];
    const product = await makeProduct(t.db, earning.id, { price: 50_000 });
    const held = await s.orders.place({
      buyerId: buyer.id,
      shopId: earning.id,
      items: [{ productId: product.id, quantity: 1 }],
      fulfilment: 'pickup',
    });
    await s.orders.reserve(held.id);
    // Orders that expired unanswered: three for A in the last week, three for D eight days ago.
    const expired = async (shopId: number, closedAt: string) => {
      const p = await makeProduct(t.db, shopId, { price: 10_000 });
      const o = await s.orders.place({
        buyerId: buyer.id,
        shopId,
        items: [{ productId: p.id, quantity: 1 }],
        fulfilment: 'pickup',
      });
      await t.db
        .updateTable('orders')
        .set({ status: 'expired', reason: 'no_answer', closed_at: closedAt })
        .where('id', '=', o.id)
        .execute();
    };
    for (const day of ['2026-11-05', '2026-11-07', '2026-11-09']) await expired(silent.id, `${day}T05:00:00.000Z`);
    for (const day of ['2026-10-30', '2026-10-31', '2026-11-01']) await expired(longAgo.id, `${day}T05:00:00.000Z`);
    const listing = createListingService({ db: t.db, clock: s.clock, settings: s.settings });
    const order = async () => (await listing.shopsFor(buyer.id, 0, 10)).items.map((x) => x.id);
    // Earning nothing, B and D come first (by name), then C with its hold, then A however little it earns.
    expect(await order()).toEqual([answering.id, longAgo.id, earning.id, silent.id]);
    // A week after its last unanswered order, A is back among the least-earning.
    s.clock.advance(7 * 24 * 3_600_000);
    expect(await order()).toEqual([silent.id, answering.id, longAgo.id, earning.id]);
  });

  it('keys products by normalised name, so spacing and case do not make duplicates', async () => {
    const s = domainServices(t.db);
    const shop = await makeShop(t.db, { linked: true });
    const catalog = createCatalogService({ db: t.db, clock: s.clock });
    await catalog.apply(shop.id, [
      { name: 'Gula  Pasir', quantity: { amount: 1, unit: 'kg' }, price: 17_000, stock: 10, outOfStock: false },
    ]);
    const second = await catalog.apply(shop.id, [
      { name: 'gula pasir', quantity: null, price: 18_000, stock: null, outOfStock: false },
    ]);
    expect(second[0]!.action).toBe('update');
    const rows = await catalog.available(shop.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ price: 18_000, unit: '1 kg' });
    const skipped = await catalog.apply(shop.id, [
      { name: 'kopi', quantity: null, price: null, stock: null, outOfStock: false },
    ]);
    expect(skipped).toEqual([{ action: 'skip', name: 'kopi', why: 'no_price' }]);
  });

  it("fits the notify worker's delivery port", () => {
    const s = domainServices(t.db);
    const port: NotificationDelivery = createNotificationDelivery({ db: t.db, clock: s.clock, channels: {} });
    expect(typeof port.deliver).toBe('function');
  });
});
