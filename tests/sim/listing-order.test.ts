import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConversationEngine } from '../../bots/flows/index.js';
import type { ListingPolicy } from '../../src/shops/listing-policy.js';
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

/** The simulation's comparison runs the same month under each listing policy: the setting the engine's listing reads. */
describe('the listing policy setting, as the engine lists', () => {
  async function city() {
    const s = domainServices(t.db);
    const named = async (name: string) => {
      const shop = await makeShop(t.db, { linked: true, kelurahan: '35.78.07.1003' });
      await t.db.updateTable('shops').set({ name }).where('id', '=', shop.id).execute();
      return shop.id;
    };
    const cempaka = await named('Apotek Cempaka');
    const anggrek = await named('Toko Anggrek');
    const bougenvil = await named('Warung Bougenvil');
    // Cempaka earned most this month, Anggrek some, Bougenvil nothing: held amounts through real reservations.
    for (const [shopId, price] of [
      [cempaka, 400_000],
      [anggrek, 150_000],
    ] as const) {
      const other = await makeBuyer(t.db);
      const p = await makeProduct(t.db, shopId, { price });
      const o = await s.orders.place({
        buyerId: other.id,
        shopId,
        items: [{ productId: p.id, quantity: 1 }],
        fulfilment: 'pickup',
      });
      expect((await s.orders.reserve(o.id)).outcome).toBe('reserved');
    }
    const buyer = await makeBuyer(t.db, { phone: '+6281234522222', kelurahan: '35.78.07.1003' });
    return { s, buyer, cempaka, anggrek, bougenvil };
  }

  async function listed(c: Awaited<ReturnType<typeof city>>, policy: ListingPolicy | undefined) {
    if (policy) await c.s.settings.set('listing_policy', policy, 'test');
    const engine = createConversationEngine({ db: t.db, clock: c.s.clock, settings: c.s.settings, orders: c.s.orders });
    const chatId = `chat-${policy ?? 'default'}`;
    // Message ids are unique per channel: a repeated id would be taken for a redelivery and ignored.
    const say = (messageId: string, content: Parameters<typeof engine.handle>[0]['content']) =>
      engine.handle({
        channel: 'web',
        chatId,
        messageId: `${chatId}-${messageId}`,
        senderPhone: c.buyer.phone,
        content,
      });
    await say('1', { kind: 'text', text: 'halo' });
    const shops = await say('2', { kind: 'option', value: 'shops' });
    return (shops.at(-1)?.options ?? []).map((o) => o.value).filter((v) => v.startsWith('shop:'));
  }

  it('lists least-earning first by default and with least_earning or fair_share, by name with alphabetical', async () => {
    const c = await city();
    const fair = [`shop:${c.bougenvil}`, `shop:${c.anggrek}`, `shop:${c.cempaka}`];
    expect(await listed(c, undefined)).toEqual(fair);
    expect(await listed(c, 'least_earning')).toEqual(fair);
    expect(await listed(c, 'fair_share')).toEqual(fair);
    // By name the richest shop, Apotek Cempaka, comes first: the listing no longer helps the others.
    expect(await listed(c, 'alphabetical')).toEqual([`shop:${c.cempaka}`, `shop:${c.anggrek}`, `shop:${c.bougenvil}`]);
  });
});
