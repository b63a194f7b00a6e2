import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelName } from '../../src/chat/ports.js';
import { findConversation } from '../../src/chat/conversation.repository.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { flowWorld, lastText } from '../support/flow-fixtures.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

/**
 * Issue 15: a buyer types what they want instead of pressing buttons. The request is matched against
 * the goods of the shops the buyer may order from, confirmed, and only then put in the cart, the same
 * way on every channel.
 */
let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

const OWNER = '+6281234544444';
const BUYER = '+6281234555555';

async function shopWithGoods() {
  const shop = await makeShop(t.db, { linked: true, ownerPhone: OWNER });
  const goods: Record<string, number> = {};
  for (const [name, unit, price] of [
    ['beras', '5 kg', 65_000],
    ['minyak goreng', '1 l', 18_000],
    ['gula', '1 kg', 17_000],
  ] as const) {
    const p = await makeProduct(t.db, shop.id, { name, price });
    await t.db.updateTable('products').set({ unit }).where('id', '=', p.id).execute();
    goods[name] = p.id;
  }
  await makeBuyer(t.db, { phone: BUYER });
  return { shop, goods };
}

async function cartOf(channel: ChannelName, chatId: string) {
  const row = await findConversation(t.db, channel, chatId);
  return (
    (JSON.parse(row!.state) as { cart: { lines: { productId: number; quantity: number }[] } | null }).cart?.lines ?? []
  );
}

describe.each<ChannelName>(['telegram', 'whatsapp'])('buyer free text on %s', (channel) => {
  it('puts "beras 2" and "mau pesan minyak 2 liter" in the cart after a yes, and "hapus minyak" takes it out', async () => {
    const w = flowWorld(t.db);
    const { goods } = await shopWithGoods();
    const c = w.chat('buyer', { channel });
    await c.contact(BUYER);

    const ask = await c.text('beras 2');
    expect(lastText(ask)).toContain('Masukkan 2 × beras 5 kg (Rp 130.000) ke keranjang?');
    expect(await cartOf(channel, 'buyer')).toEqual([]);
    expect(lastText(await c.text('nggih'))).toContain('Masuk keranjang: 2 × beras');
    expect(await cartOf(channel, 'buyer')).toEqual([{ productId: goods.beras, quantity: 2 }]);

    expect(lastText(await c.text('mau pesan minyak 2 liter'))).toContain('Masukkan 2 × minyak goreng 1 l (Rp 36.000)');
    await c.text('1');
    expect(await cartOf(channel, 'buyer')).toEqual([
      { productId: goods.beras, quantity: 2 },
      { productId: goods['minyak goreng'], quantity: 2 },
    ]);

    expect(lastText(await c.text('gula sekilo 3'))).toContain('Masukkan 3 × gula 1 kg');
    expect(lastText(await c.text('tidak'))).not.toContain('Masuk keranjang');
    expect((await cartOf(channel, 'buyer')).map((l) => l.productId)).not.toContain(goods.gula);

    expect(lastText(await c.text('hapus minyak'))).toContain('minyak goreng dihapus dari keranjang');
    expect(await cartOf(channel, 'buyer')).toEqual([{ productId: goods.beras, quantity: 2 }]);
  });

  it('asks how many for a name alone, says when a size is not sold, and shows the menu for "halo"', async () => {
    const w = flowWorld(t.db);
    const { goods } = await shopWithGoods();
    const c = w.chat('buyer', { channel });
    await c.contact(BUYER);
    expect(lastText(await c.text('tambah gula'))).toContain('Berapa gula');
    await c.text('4');
    expect(await cartOf(channel, 'buyer')).toEqual([{ productId: goods.gula, quantity: 4 }]);
    expect(lastText(await c.text('beras 3 karung'))).toContain('“beras” tidak ada');
    const menu = await c.text('halo');
    expect(lastText(menu)).not.toContain('belum paham');
    expect(menu.at(-1)!.options?.map((o) => o.value)).toContain('shops');
  });

  it('orders "the same as yesterday" again after a confirmation', async () => {
    const w = flowWorld(t.db);
    const { shop, goods } = await shopWithGoods();
    const buyer = await t.db.selectFrom('buyers').select('id').where('phone', '=', BUYER).executeTakeFirstOrThrow();
    await w.orders.place({
      buyerId: buyer.id,
      shopId: shop.id,
      items: [
        { productId: goods.beras!, quantity: 1 },
        { productId: goods.gula!, quantity: 2 },
      ],
      fulfilment: 'pickup',
    });
    const c = w.chat('buyer', { channel });
    await c.contact(BUYER);
    const ask = await c.text('pesan lagi yang kemarin');
    expect(lastText(ask)).toContain('Pesan lagi seperti pesanan');
    expect(await cartOf(channel, 'buyer')).toEqual([]);
    await c.text('iya');
    expect(await cartOf(channel, 'buyer')).toEqual([
      { productId: goods.beras, quantity: 1 },
      { productId: goods.gula, quantity: 2 },
    ]);
  });
});
