import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { flowWorld } from '../support/flow-fixtures.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

/** Issue 15 in the chat: replies to a new order with reasons and notes, and an echo that asks. */
let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

const OWNER = '+6281234544444';
const BUYER = '+6281234555555';
const sentTo = (w: ReturnType<typeof flowWorld>, chatId: string) => w.telegram.sent.filter((s) => s.chatId === chatId);

async function orderWaiting(w: ReturnType<typeof flowWorld>) {
  const shop = await makeShop(t.db, { ownerPhone: OWNER });
  const product = await makeProduct(t.db, shop.id, { name: 'beras', price: 65_000 });
  const buyer = await makeBuyer(t.db, { phone: BUYER });
  const owner = w.chat('chat-owner');
  await owner.contact(OWNER);
  await w.chat('chat-buyer').contact(BUYER);
  const order = await w.orders.place({
    buyerId: buyer.id,
    shopId: shop.id,
    items: [{ productId: product.id, quantity: 2 }],
    fulfilment: 'delivery',
    note: '',
  });
  expect((await w.orders.reserve(order.id)).outcome).toBe('reserved');
  await w.deliverQueued();
  return { owner, order };
}

describe('a reply to a new order as shopkeepers write it', () => {
  it('rejects "entek mbak" at once and tells the buyer that reason', async () => {
    const w = flowWorld(t.db);
    const { owner, order } = await orderWaiting(w);
    const r = await owner.text('entek mbak');
    expect(r[0]!.text).toContain('ditolak');
    expect(await w.orders.get(order.id)).toMatchObject({ status: 'rejected', reason: 'entek mbak' });
    await w.deliverQueued();
    expect(sentTo(w, 'chat-buyer').at(-1)!.message.text).toContain('entek mbak');
  });

  it('accepts "siap, kirim habis maghrib" and passes the note to the buyer', async () => {
    const w = flowWorld(t.db);
    const { owner, order } = await orderWaiting(w);
    const r = await owner.text('siap, kirim habis maghrib');
    expect(r[0]!.text).toContain(`Pesanan ${order.code} diterima`);
    expect((await w.orders.get(order.id))!.status).toBe('accepted');
    await w.deliverQueued();
    const notice = sentTo(w, 'chat-buyer').at(-1)!.message.text;
    expect(notice).toContain(`Pesanan ${order.code} diterima`);
    expect(notice).toContain('Pesan dari toko: kirim habis maghrib');
  });

  it('reads "mboten nggih" as a no and asks the reason, and leaves "iya tapi habis" undecided', async () => {
    const w = flowWorld(t.db);
    const { owner, order } = await orderWaiting(w);
    const unclear = await owner.text('iya tapi habis');
    expect(unclear[0]!.text).toContain('belum paham');
    expect((await w.orders.get(order.id))!.status).toBe('reserved');
    const ask = await owner.text('mboten nggih');
    expect(ask[0]!.text).toContain(`Kenapa pesanan ${order.code} ditolak`);
    expect((await w.orders.get(order.id))!.status).toBe('reserved');
  });
});

describe('the echo of a post', () => {
  it('lists what it read and quotes what it could not, asking for it again; the rewrite joins the list', async () => {
    const w = flowWorld(t.db);
    const shop = await makeShop(t.db, { ownerPhone: OWNER });
    const c = w.chat('owner');
    await c.contact(OWNER);
    const echo = await c.text('Sore. Tepung 1kg 12rb stok 4. Kecap 1 botol 9rb stok 7. Minyak 2L 34rb 36rb');
    const text = echo[0]!.text;
    expect(text).toContain('1. tepung 1 kg — Rp 12.000, stok 4 (baru)');
    expect(text).toContain('2. kecap 1 botol — Rp 9.000, stok 7 (baru)');
    expect(text).toContain('Maaf, yang ini belum saya pahami: “Minyak 2L 34rb 36rb”');
    expect(text).not.toContain('Sore');
    const again = await c.text('minyak 2L 34rb');
    expect(again[0]!.text).toContain('3. minyak 2 l — Rp 34.000 (baru)');
    expect(again[0]!.text).not.toContain('belum saya pahami');
    await c.text('1');
    const rows = await t.db
      .selectFrom('products')
      .select(['name', 'price', 'stock'])
      .where('shop_id', '=', shop.id)
      .orderBy('name')
      .execute();
    expect(rows).toEqual([
      { name: 'kecap', price: 9_000, stock: 7 },
      { name: 'minyak', price: 34_000, stock: null },
      { name: 'tepung', price: 12_000, stock: 4 },
    ]);
  });

  it('asks about a post it cannot read at all instead of a bare "not understood"', async () => {
    const w = flowWorld(t.db);
    await makeShop(t.db, { ownerPhone: OWNER });
    const c = w.chat('owner');
    await c.contact(OWNER);
    const r = await c.text('es teh 500');
    expect(r[0]!.text).toContain('Maaf, yang ini belum saya pahami: “es teh 500”');
  });

  it('saves two sizes of one product as two goods', async () => {
    const w = flowWorld(t.db);
    const shop = await makeShop(t.db, { ownerPhone: OWNER });
    const c = w.chat('owner');
    await c.contact(OWNER);
    await c.text('Bawang merah: 1kg 40rb, 1/2kg 21rb');
    await c.text('1');
    const rows = await t.db
      .selectFrom('products')
      .select(['name', 'price'])
      .where('shop_id', '=', shop.id)
      .orderBy('price')
      .execute();
    expect(rows).toEqual([
      { name: 'bawang merah 0.5 kg', price: 21_000 },
      { name: 'bawang merah 1 kg', price: 40_000 },
    ]);
  });
});
