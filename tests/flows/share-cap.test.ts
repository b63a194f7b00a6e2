import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledger } from '../../src/ledger/index.js';
import { shareOverrun } from '../../src/shops/buyer-share.js';
import { makeBuyer, makeProduct, makeQuotaRule, makeShop } from '../support/fixtures.js';
import { flowWorld, lastText } from '../support/flow-fixtures.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

// Issue 20: the optional setting buyer_shop_share_max caps the share of one buyer's month at one shop. Off by
// default; when on, the checkout refuses politely, suggests other shops and holds nothing.

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

describe('the share of a buyer’s month at one shop (rule)', () => {
  const base = { max: 0.5, minimum: 500_000, month: 0, atShop: 0 };
  it('allows up to the share of the minimum, and of the month when the buyer spends more', () => {
    expect(shareOverrun({ ...base, amount: 250_000 })).toBeNull();
    expect(shareOverrun({ ...base, amount: 250_001 })).toEqual({ room: 250_000 });
    // 800,000 spent elsewhere: the month is 1,000,000 with this order, half of it may go to this shop.
    expect(shareOverrun({ ...base, month: 800_000, amount: 200_000 })).toBeNull();
    expect(shareOverrun({ ...base, month: 900_000, atShop: 400_000, amount: 200_000 })).toEqual({ room: 50_000 });
  });
  it('leaves a buyer without a minimum alone', () => {
    expect(shareOverrun({ ...base, minimum: 0, amount: 5_000_000 })).toBeNull();
  });
});

describe('checkout with buyer_shop_share_max', () => {
  async function world() {
    const w = flowWorld(t.db);
    await makeQuotaRule(t.db, { min: 500_000 });
    const shop = await makeShop(t.db, { linked: true });
    const beras = await makeProduct(t.db, shop.id, { name: 'beras', price: 65_000 });
    const other = await makeShop(t.db, { linked: true, kelurahan: '35.78.07.1001' });
    const buyer = await makeBuyer(t.db, { phone: '+6281234577772' });
    // 65,000 already held at the shop this month, through the real ledger.
    const first = await w.orders.place({
      buyerId: buyer.id,
      shopId: shop.id,
      items: [{ productId: beras.id, quantity: 1 }],
      fulfilment: 'pickup',
    });
    await w.orders.reserve(first.id);
    return { w, shop, other, buyer };
  }

  async function toConfirm(w: Awaited<ReturnType<typeof world>>['w'], shopId: number, phone: string, qty: number) {
    const c = w.chat('buyer-share');
    await c.contact(phone);
    await c.option(`shop:${shopId}`);
    await c.text(`1 ${qty}`);
    await c.option('cart');
    await c.text('1'); // Pesan sekarang
    expect(lastText(await c.text('2'))).toContain('Ya, pesan'); // Ambil sendiri
    return c;
  }

  const orders = async () => (await t.db.selectFrom('orders').select('id').execute()).length;

  it('is off by default: the same order is placed', async () => {
    const { w, shop, buyer } = await world();
    const c = await toConfirm(w, shop.id, buyer.phone, 4);
    expect(lastText(await c.text('ya'))).toMatch(/PK-[2-9A-Z]{6}/);
    expect(await orders()).toBe(2);
  });

  it('when on, refuses politely an order past the share, names other shops and what is left, and holds nothing', async () => {
    const { w, shop, other, buyer } = await world();
    await w.settings.set('buyer_shop_share_max', 0.5, 'test');
    const held = await ledger.buyerBalance(t.db, buyer.id, '2026-11');
    expect(held.held).toBe(65_000);
    // 65,000 held + 4 × 65,000 = 325,000 > half of 500,000.
    const c = await toConfirm(w, shop.id, buyer.phone, 4);
    const refused = lastText(await c.text('ya'));
    expect(refused).toContain('paling banyak 50% belanja bulanan Anda boleh di satu toko');
    expect(refused).toContain(`Anda masih bisa belanja Rp 185.000`);
    expect(refused).toContain(`Coba toko lain di dekat Anda: ${other.name} (Embong Kaliasin)`);
    expect(refused).toContain('4 × beras'); // the cart is kept
    expect(refused).not.toMatch(/PK-[2-9A-Z]{6}/);
    expect(await orders()).toBe(1);
    expect(await ledger.buyerBalance(t.db, buyer.id, '2026-11')).toEqual(held);
    expect((await ledger.verify(t.db)).ok).toBe(true);
  });

  it('when on, places an order within the share as before', async () => {
    const { w, shop, buyer } = await world();
    await w.settings.set('buyer_shop_share_max', 0.5, 'test');
    // 65,000 held + 2 × 65,000 = 195,000, under half of 500,000.
    const c = await toConfirm(w, shop.id, buyer.phone, 2);
    expect(lastText(await c.text('ya'))).toMatch(/PK-[2-9A-Z]{6}/);
    expect(await orders()).toBe(2);
  });
});
