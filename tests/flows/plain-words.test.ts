import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addressOf } from '../../bots/flows/greet.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { flowWorld, lastText, optionValues } from '../support/flow-fixtures.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

/** What the demo path (README) shows people in words: "batal", months, greetings. */
let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

async function buyerWithCart(w: ReturnType<typeof flowWorld>) {
  const shop = await makeShop(t.db, { linked: true });
  const beras = await makeProduct(t.db, shop.id, { name: 'beras', price: 65_000 });
  await makeBuyer(t.db, { phone: '+6281234520001' });
  const c = w.chat('b1');
  await c.contact('+6281234520001');
  await c.option(`shop:${shop.id}`);
  await c.text('1 2');
  return { c, shop, beras };
}

describe('plain words in the chat', () => {
  it('"batal" in the checkout says the order was not placed and empties the cart', async () => {
    const w = flowWorld(t.db);
    const { c, shop } = await buyerWithCart(w);
    await c.option('cart');
    await c.option('checkout');
    const r = lastText(await c.text('batal'));
    expect(r).toContain(`pesanan di ${shop.name} tidak jadi dibuat`);
    expect(r).toContain('Keranjang (1 barang) sudah dikosongkan');
    // The menu no longer offers a cart.
    expect(optionValues(await c.text('menu'))).not.toContain('cart');
  });

  it('"batal" while browsing keeps the cart and says so', async () => {
    const w = flowWorld(t.db);
    const { c, shop } = await buyerWithCart(w);
    const r = lastText(await c.text('batal'));
    expect(r).toContain(`Keranjang di ${shop.name} tetap disimpan (1 barang)`);
    expect(optionValues(await c.text('menu'))).toContain('cart');
  });

  it('"batal" at the confirm-cancel question keeps the order', async () => {
    const w = flowWorld(t.db);
    const { c } = await buyerWithCart(w);
    await c.option('cart');
    await c.option('checkout');
    await c.option('ful:pickup');
    const placed = lastText(await c.text('ya'));
    const code = /PK-[2-9A-Z]{6}/.exec(placed)![0];
    const order = (await w.orders.getByCode(code))!;
    await c.option(`cnl:${order.id}`);
    expect(lastText(await c.text('batal'))).toContain('tidak jadi dibatalkan');
    expect((await w.orders.get(order.id))!.status).not.toBe('cancelled');
  });

  it('names the month in words, not 2026-12', async () => {
    const w = flowWorld(t.db, { at: '2026-12-03T03:00:00.000Z' });
    await makeBuyer(t.db, { phone: '+6281234520002' });
    const c = w.chat('b2');
    await c.contact('+6281234520002');
    const r = lastText(await c.option('quota'));
    expect(r).toContain('Desember 2026');
    expect(r).not.toContain('2026-12');
  });

  it('greets back by a neutral "Kak" (or the recorded form of address) and keeps a waiting question on screen', async () => {
    expect(addressOf('Siti Rahayu', 'id')).toBe('Kak Siti Rahayu');
    expect(addressOf('Bu Nyomi', 'id')).toBe('Bu Nyomi');
    expect(addressOf('Siti Rahayu', 'en')).toBe('Siti Rahayu');
    const w = flowWorld(t.db);
    const buyer = await makeBuyer(t.db);
    const shop = await makeShop(t.db, { linked: true, ownerPhone: '+6281234520003' });
    const beras = await makeProduct(t.db, shop.id, { name: 'beras', price: 65_000 });
    const owner = w.chat('o1');
    expect(lastText(await owner.contact('+6281234520003'))).toMatch(/^Halo Kak Bu \d+|^Halo Bu \d+/);
    const o = await w.orders.place({
      buyerId: buyer.id,
      shopId: shop.id,
      items: [{ productId: beras.id, quantity: 1 }],
      fulfilment: 'pickup',
    });
    await w.orders.reserve(o.id);
    await w.deliverQueued();
    const hello = lastText(await owner.text('halo bu'));
    expect(hello).toMatch(/^Halo Bu \d+! 👋/);
    expect(hello).toContain('1. Terima');
    expect(hello).not.toContain('belum paham');
  });
});
