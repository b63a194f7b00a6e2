import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConversationEngine } from '../../bots/flows/index.js';
import { textsFor } from '../../bots/flows/texts/index.js';
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

const HOME = '35.78.07.1003';

/** Issue 20: the listing service under the setting listing_policy, on a real database. */
describe('the listing service under listing_policy', () => {
  async function city() {
    const s = domainServices(t.db);
    const named = async (name: string, p: Parameters<typeof makeShop>[1] = {}) => {
      const shop = await makeShop(t.db, { linked: true, ...p });
      await t.db.updateTable('shops').set({ name }).where('id', '=', shop.id).execute();
      return shop.id;
    };
    const hold = async (shopId: number, price: number) => {
      const p = await makeProduct(t.db, shopId, { price });
      const o = await s.orders.place({
        buyerId: (await makeBuyer(t.db)).id,
        shopId,
        items: [{ productId: p.id, quantity: 1 }],
        fulfilment: 'pickup',
      });
      expect((await s.orders.reserve(o.id)).outcome).toBe('reserved');
    };
    // Five shops of kecamatan 35.78.07 with money this month, one far below the others and in another kelurahan.
    const far = await named('Warung Sepi', { kelurahan: '35.78.07.1001' });
    await hold(far, 20_000);
    const busy = [];
    for (const [i, price] of [400_000, 500_000, 600_000, 700_000].entries()) {
      const id = await named(`Toko Ramai ${i + 1}`, { kelurahan: i === 0 ? HOME : '35.78.07.1002' });
      await hold(id, price);
      busy.push(id);
    }
    const closed = await named('Toko Tutup', { kelurahan: HOME, isOpen: false });
    const unreachable = await named('Toko Tanpa Chat', { kelurahan: HOME, linked: false });
    const buyer = await makeBuyer(t.db, { phone: '+6281234577777', kelurahan: HOME });
    return { s, far, busy, closed, unreachable, buyer };
  }

  it('under fair_share puts the shop far below its share first with its reason; a closed shop is never ranked and an unreachable one never appears', async () => {
    const c = await city();
    const listing = createListingService({ db: t.db, clock: c.s.clock, settings: c.s.settings });
    await c.s.settings.set('listing_policy', 'fair_share', 'test');
    const page = await listing.shopsFor(c.buyer.id, 0, 20);
    const ids = page.items.map((x) => x.id);
    expect(ids[0]).toBe(c.far);
    expect(page.items[0]!.reason).toBe('below_share');
    // At or above the median (500,000): the same-kelurahan one (400,000 is below, not far below) first.
    expect(ids.slice(1, 5)).toEqual([c.busy[0], c.busy[1], c.busy[2], c.busy[3]]);
    // Closed: only after every shop that takes orders, shown as closed (issue 14), without a reason.
    expect(ids.at(-1)).toBe(c.closed);
    expect(page.items.at(-1)).toMatchObject({ reason: null, hours: { closed: true } });
    expect(ids).not.toContain(c.unreachable);
    expect(page.total).toBe(6);
    expect(await listing.canOrderFrom(c.buyer.id, c.closed)).toBe(false);
    expect(await listing.canOrderFrom(c.buyer.id, c.unreachable)).toBe(false);
  });

  it('follows the setting at once: least_earning and alphabetical order the same shops differently', async () => {
    const c = await city();
    const listing = createListingService({ db: t.db, clock: c.s.clock, settings: c.s.settings });
    const ids = async () => (await listing.shopsFor(c.buyer.id, 0, 20)).items.map((x) => x.id);
    expect(await ids()).toEqual([c.far, ...c.busy, c.closed]);
    await c.s.settings.set('listing_policy', 'alphabetical', 'test');
    // By name the poorest shop, Warung Sepi, drops behind the four Toko Ramai; the closed one stays last.
    expect(await ids()).toEqual([...c.busy, c.far, c.closed]);
    await expect(c.s.settings.set('listing_policy', 'random', 'test')).rejects.toThrow(/listing_policy/);
  });

  it('shows the reason on the buyer list in Bahasa Indonesia, and has it in English', async () => {
    const c = await city();
    await c.s.settings.set('listing_policy', 'fair_share', 'test');
    const engine = createConversationEngine({ db: t.db, clock: c.s.clock, settings: c.s.settings, orders: c.s.orders });
    let n = 0;
    const say = (content: Parameters<typeof engine.handle>[0]['content']) =>
      engine.handle({ channel: 'web', chatId: 'b', messageId: `m${++n}`, senderPhone: c.buyer.phone, content });
    await say({ kind: 'text', text: 'halo' });
    const list = (await say({ kind: 'option', value: 'shops' })).at(-1)!;
    const first = list.options!.find((o) => o.value === `shop:${c.far}`)!;
    expect(first.label).toMatch(/^Warung Sepi — [^·]+ · toko ini belum banyak pesanan bulan ini$/);
    expect(list.options!.find((o) => o.value === `shop:${c.busy[0]}`)!.label).toMatch(
      / · dekat: satu kelurahan dengan Anda$/,
    );
    expect(textsFor('en').listingReason.below_share).toBe('this shop has had few orders this month');
  });
});
