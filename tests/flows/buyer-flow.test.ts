import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledger } from '../../src/ledger/index.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { flowWorld, lastText, optionValues } from '../support/flow-fixtures.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

/** A linked buyer in kelurahan 35.78.07.1003 (kecamatan 35.78.07) and their chat. */
async function linkedBuyer(w: ReturnType<typeof flowWorld>, phone = '+6281234511111') {
  const buyer = await makeBuyer(t.db, { phone, kelurahan: '35.78.07.1003' });
  const c = w.chat(`b-${phone}`);
  await c.contact(phone);
  return { buyer, c };
}

/** Puts `amount` on a shop's account this month through a real reserved order. */
async function earn(w: ReturnType<typeof flowWorld>, shopId: number, amount: number) {
  const other = await makeBuyer(t.db);
  const p = await makeProduct(t.db, shopId, { price: amount });
  const o = await w.orders.place({
    buyerId: other.id,
    shopId,
    items: [{ productId: p.id, quantity: 1 }],
    fulfilment: 'pickup',
  });
  expect((await w.orders.reserve(o.id)).outcome).toBe('reserved');
}

describe('buyer flow', () => {
  it('lists least-earning shops first, a closed shop last (issue 14), and hides unverified, at-cap and out-of-area shops', async () => {
    const w = flowWorld(t.db);
    const rich = await makeShop(t.db, { linked: true, kelurahan: '35.78.07.1003' });
    const poor = await makeShop(t.db, { linked: true, kelurahan: '35.78.07.1003' });
    const middle = await makeShop(t.db, { linked: true, kelurahan: '35.78.07.1001' });
    const closed = await makeShop(t.db, { linked: true, isOpen: false });
    const pending = await makeShop(t.db, { linked: true, status: 'pending' });
    const atCap = await makeShop(t.db, { linked: true, capOverride: 100_000 });
    const far = await makeShop(t.db, { linked: true, kelurahan: '35.78.10.1007' });
    await earn(w, rich.id, 500_000);
    await earn(w, middle.id, 200_000);
    await earn(w, atCap.id, 100_000);
    const { c } = await linkedBuyer(w);
    const r = await c.text('1');
    const values = optionValues(r).filter((v) => v.startsWith('shop:'));
    expect(values).toEqual([`shop:${poor.id}`, `shop:${middle.id}`, `shop:${rich.id}`, `shop:${closed.id}`]);
    for (const hidden of [pending, atCap, far]) expect(values).not.toContain(`shop:${hidden.id}`);
  });

  it('places an order from cart to checkout and answers with the code of a stored order', async () => {
    const w = flowWorld(t.db);
    const shop = await makeShop(t.db, { linked: true });
    const beras = await makeProduct(t.db, shop.id, { name: 'beras', price: 65_000 });
    const minyak = await makeProduct(t.db, shop.id, { name: 'minyak', price: 34_000 });
    const { buyer, c } = await linkedBuyer(w);
    await c.text('1'); // Belanja
    const products = await c.option(`shop:${shop.id}`);
    expect(optionValues(products)).toEqual([`prod:${beras.id}`, `prod:${minyak.id}`]);
    const added = await c.text('1 2'); // two of item 1
    expect(added[0]!.text).toContain('2 × beras');
    const ask = await c.text('2'); // pick minyak, then the quantity
    expect(ask[0]!.text).toContain('Berapa minyak');
    await c.text('1');
    const cart = await c.option('cart');
    expect(cart[0]!.text).toContain('Rp 164.000');
    await c.text('1'); // Pesan sekarang
    await c.text('1'); // Antar
    const confirm = await c.text('Jl. Melati 5, pagar hijau');
    expect(confirm[0]!.text).toContain('Jl. Melati 5');
    const placed = await c.text('ya');
    const code = /PK-[2-9A-Z]{6}/.exec(placed[0]!.text)?.[0];
    expect(code).toBeDefined();
    const order = await w.orders.getByCode(code!);
    expect(order).toMatchObject({
      buyer_id: buyer.id,
      shop_id: shop.id,
      status: 'submitted',
      total: 164_000,
      fulfilment: 'delivery',
      delivery_address: 'Jl. Melati 5, pagar hijau',
    });
    // The cart is gone after placing.
    expect(optionValues(placed)).not.toContain('cart');
  });

  it("refuses a forged product id from a shop outside the buyer's area when it enters the cart, so no order is ever said to be sent", async () => {
    const w = flowWorld(t.db);
    const near = await makeShop(t.db, { linked: true, kelurahan: '35.78.07.1003' });
    const far = await makeShop(t.db, { linked: true, kelurahan: '35.78.10.1007' });
    await makeProduct(t.db, near.id, { name: 'beras', price: 10_000 });
    const forged = await makeProduct(t.db, far.id, { name: 'gula', price: 5_000 });
    const { c } = await linkedBuyer(w);
    await c.option(`shop:${near.id}`);
    await c.text('1 2');
    // The buttons a page could forge: the quantity question's product, and a typed order's confirmation.
    for (const attempt of [
      async () => (await c.option(`prod:${forged.id}`), c.text('3')),
      () => c.option(`addq:${forged.id}:3`),
    ]) {
      const r = await attempt();
      expect(r[0]!.text).toContain('tidak bisa menerima pesanan dari wilayah Anda');
      expect(r[0]!.text).toContain('tidak dimasukkan ke keranjang');
    }
    // The cart still holds only the near shop's line, and checking out places an order there alone.
    const cart = await c.option('cart');
    expect(cart[0]!.text).toContain('2 × beras');
    expect(cart[0]!.text).not.toContain('gula');
    expect(await t.db.selectFrom('orders').selectAll().where('shop_id', '=', far.id).execute()).toHaveLength(0);
  });

  it('changes and removes cart lines', async () => {
    const w = flowWorld(t.db);
    const shop = await makeShop(t.db, { linked: true });
    const beras = await makeProduct(t.db, shop.id, { name: 'beras', price: 10_000 });
    const gula = await makeProduct(t.db, shop.id, { name: 'gula', price: 5_000 });
    const { c } = await linkedBuyer(w);
    await c.option(`shop:${shop.id}`);
    await c.text('1 2');
    await c.text('2 1');
    await c.option('cart:set');
    await c.option(`line:${beras.id}`);
    const changed = await c.text('5');
    expect(changed[0]!.text).toContain('5 × beras kg = Rp 50.000');
    await c.option('cart:rm');
    const removed = await c.option(`line:${gula.id}`);
    expect(removed[0]!.text).not.toContain('gula =');
    expect(removed[0]!.text).toContain('Total: Rp 50.000');
  });

  it('shows orders with Indonesian status names and cancels one before acceptance', async () => {
    const w = flowWorld(t.db);
    const shop = await makeShop(t.db, { linked: true });
    const p = await makeProduct(t.db, shop.id, { price: 20_000 });
    const { buyer, c } = await linkedBuyer(w);
    const o = await w.orders.place({
      buyerId: buyer.id,
      shopId: shop.id,
      items: [{ productId: p.id, quantity: 1 }],
      fulfilment: 'pickup',
    });
    await w.orders.reserve(o.id);
    const list = await c.option('orders');
    expect(lastText(list)).toContain(`${o.code} · ${shop.name} · Rp 20.000 · menunggu jawaban toko`);
    await c.text('1');
    const ask = await c.text('1'); // Batalkan pesanan
    expect(ask[0]!.text).toContain(`membatalkan pesanan ${o.code}`);
    const done = await c.text('ya');
    expect(done[0]!.text).toContain(`Pesanan ${o.code} dibatalkan`);
    expect((await w.orders.get(o.id))!.status).toBe('cancelled');
    expect(await ledger.shopBalance(t.db, shop.id, '2026-11')).toEqual({ held: 0, committed: 0 });
  });

  it('shows the quota as spent against the minimum with a progress bar and days left', async () => {
    const w = flowWorld(t.db);
    const shop = await makeShop(t.db, { linked: true });
    const p = await makeProduct(t.db, shop.id, { price: 200_000 });
    const { buyer, c } = await linkedBuyer(w);
    const o = await w.orders.place({
      buyerId: buyer.id,
      shopId: shop.id,
      items: [{ productId: p.id, quantity: 1 }],
      fulfilment: 'pickup',
    });
    await w.orders.reserve(o.id);
    const shopActor = { kind: 'shop', shopId: shop.id } as const;
    await w.orders.accept(o.id, shopActor);
    await w.orders.markDelivered(o.id, shopActor);
    await w.orders.confirmPaid(o.id, shopActor);
    const r = await c.option('quota');
    // Fixture quota: Rp 500.000 minimum; 10 November 10:00 WIB leaves 21 days.
    expect(r[0]!.text).toContain('Rp 200.000 dari minimal Rp 500.000');
    expect(r[0]!.text).toContain('▓▓▓▓░░░░░░ 40%');
    expect(r[0]!.text).toContain('21 hari');
  });

  it('speaks English after switching language, and keeps it', async () => {
    const w = flowWorld(t.db);
    const { c } = await linkedBuyer(w);
    const lang = await c.option('lang');
    expect(optionValues(lang)).toEqual(['lang:id', 'lang:en']);
    const en = await c.text('2');
    expect(en[0]!.text).toContain('Language changed to English');
    expect(lastText(en)).toContain('My orders');
    const menu = await c.text('menu');
    expect(menu[0]!.text).toContain('Main menu');
    const gibberish = await c.text('qwerty');
    expect(gibberish[0]!.text).toContain("Sorry, I didn't understand");
  });
});
