import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConversationEngine } from '../../bots/flows/index.js';
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

/** Issue 20: going back to a shop far above its share suggests, once, a comparable shop nearby. */
describe('the gentle nudge', () => {
  async function city() {
    const s = domainServices(t.db);
    const shop = async (name: string, goods: [string, number][]) => {
      const x = await makeShop(t.db, { linked: true, kelurahan: '35.78.07.1001' });
      await t.db.updateTable('shops').set({ name }).where('id', '=', x.id).execute();
      const products = [];
      for (const [g, price] of goods) products.push(await makeProduct(t.db, x.id, { name: g, price }));
      return { id: x.id, products };
    };
    const complete = async (buyerId: number, shopId: number, productId: number) => {
      const o = await s.orders.place({ buyerId, shopId, items: [{ productId, quantity: 1 }], fulfilment: 'pickup' });
      await s.orders.reserve(o.id);
      const by = { kind: 'shop', shopId } as const;
      await s.orders.accept(o.id, by);
      await s.orders.markDelivered(o.id, by);
      await s.orders.confirmPaid(o.id, by);
    };
    const busy = await shop('Toko Ramai', [
      ['beras', 1_000_000],
      ['minyak', 20_000],
    ]);
    const quiet = await shop('Warung Sepi', [['beras', 60_000]]);
    const mid = [await shop('Toko Tengah 1', [['gula', 200_000]]), await shop('Toko Tengah 2', [['gula', 200_000]])];
    const buyer = await makeBuyer(t.db, { phone: '+6281234588888', kelurahan: '35.78.07.1003' });
    const other = await makeBuyer(t.db);
    // The buyer's favourite earned Rp 1.000.000, the middle shops Rp 200.000 each (the median), Warung Sepi nothing.
    await complete(buyer.id, busy.id, busy.products[0]!.id);
    for (const m of mid) await complete(other.id, m.id, m.products[0]!.id);
    const engine = createConversationEngine({ db: t.db, clock: s.clock, settings: s.settings, orders: s.orders });
    let n = 0;
    const chat = (phone: string, chatId: string) => ({
      text: async (text: string) =>
        (
          await engine.handle({
            channel: 'web',
            chatId,
            messageId: `${chatId}-${++n}`,
            senderPhone: phone,
            content: { kind: 'text', text },
          })
        ).at(-1)!,
      press: async (value: string) =>
        (
          await engine.handle({
            channel: 'web',
            chatId,
            messageId: `${chatId}-${++n}`,
            senderPhone: phone,
            content: { kind: 'option', value },
          })
        ).at(-1)!,
    });
    return { busy, quiet, buyer, other, chat };
  }
  const values = (m: { options?: readonly { value: string }[] }) => (m.options ?? []).map((o) => o.value);

  it('suggests a shop nearby with the same goods once; "2" skips it to the chosen shop, and it does not come back this month', async () => {
    const c = await city();
    const b = c.chat(c.buyer.phone, 'buyer');
    await b.text('halo');
    const nudge = await b.press(`shop:${c.busy.id}`);
    expect(nudge.text).toContain('Toko Ramai sudah ramai pesanan bulan ini. Warung Sepi');
    expect(nudge.text).toContain('juga menjual beras dan belum banyak pesanan');
    expect(values(nudge)).toEqual([`shop:${c.quiet.id}`, `shopok:${c.busy.id}`]);
    // Skippable: the numbered answer 2 opens the shop the buyer chose.
    const products = await b.text('2');
    expect(values(products)).toContain(`prod:${c.busy.products[0]!.id}`);
    // Once: the next visit goes straight to the goods.
    await b.text('menu');
    const again = await b.press(`shop:${c.busy.id}`);
    expect(values(again)).toContain(`prod:${c.busy.products[0]!.id}`);
    expect(again.text).not.toContain('sudah ramai');
  });

  it('"1" takes the buyer to the suggested shop; a buyer who never ordered there gets no nudge', async () => {
    const c = await city();
    const b = c.chat(c.buyer.phone, 'buyer');
    await b.text('halo');
    await b.press(`shop:${c.busy.id}`);
    const quiet = await b.text('1');
    expect(values(quiet)).toContain(`prod:${c.quiet.products[0]!.id}`);
    // Not a reorder: the other buyer has never completed an order at Toko Ramai.
    const o = c.chat(c.other.phone, 'other');
    await o.text('halo');
    expect(values(await o.press(`shop:${c.busy.id}`))).toContain(`prod:${c.busy.products[0]!.id}`);
  });
});
