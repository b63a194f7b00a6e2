import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeShop } from '../support/fixtures.js';
import { flowWorld, optionValues } from '../support/flow-fixtures.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

const OWNER = '+6281234522222';

async function linkedOwner(w: ReturnType<typeof flowWorld>) {
  const shop = await makeShop(t.db, { ownerPhone: OWNER });
  const c = w.chat('owner');
  await c.contact(OWNER);
  return { shop, c };
}

const productsOf = (shopId: number) =>
  t.db
    .selectFrom('products')
    .select(['name', 'name_key', 'unit', 'price', 'stock', 'photo_path'])
    .where('shop_id', '=', shopId)
    .orderBy('name')
    .execute();

describe('shopkeeper flow', () => {
  it('echoes a posting as a numbered list and saves it on 1', async () => {
    const w = flowWorld(t.db);
    const { shop, c } = await linkedOwner(w);
    await c.option('post');
    const echo = await c.text('beras 5kg 65rb, minyak 2L 34rb');
    expect(echo[0]!.text).toContain('1. beras 5 kg — Rp 65.000 (baru)');
    expect(echo[0]!.text).toContain('2. minyak 2 l — Rp 34.000 (baru)');
    expect(optionValues(echo)).toEqual(['post:yes', 'post:edit']);
    expect(await productsOf(shop.id)).toHaveLength(0);
    const saved = await c.text('1');
    expect(saved[0]!.text).toContain('Tersimpan: 2 barang');
    expect(await productsOf(shop.id)).toEqual([
      { name: 'beras', name_key: 'beras', unit: '5 kg', price: 65_000, stock: null, photo_path: null },
      { name: 'minyak', name_key: 'minyak', unit: '2 l', price: 34_000, stock: null, photo_path: null },
    ]);
  });

  it('updates a product posted again under the same name instead of adding a duplicate', async () => {
    const w = flowWorld(t.db);
    const { shop, c } = await linkedOwner(w);
    await c.text('beras 5kg 65rb'); // typed straight at the menu
    await c.text('nggih');
    const echo = await c.text('Beras 5kg 60rb');
    expect(echo[0]!.text).toContain('(diperbarui)');
    await c.text('1');
    const rows = await productsOf(shop.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.price).toBe(60_000);
  });

  it('marks a product out of stock with "beras habis" and hides it from buyers', async () => {
    const w = flowWorld(t.db);
    const { shop, c } = await linkedOwner(w);
    await c.text('beras 5kg 65rb, gula 1kg 17rb');
    await c.text('1');
    const echo = await c.text('beras habis');
    expect(echo[0]!.text).toContain('beras — HABIS');
    await c.text('1');
    expect((await productsOf(shop.id)).find((p) => p.name === 'beras')!.stock).toBe(0);
    const available = await t.db
      .selectFrom('products')
      .select('name')
      .where('shop_id', '=', shop.id)
      .where((eb) => eb.or([eb('stock', 'is', null), eb('stock', '>', 0)]))
      .execute();
    expect(available.map((p) => p.name)).toEqual(['gula']);
  });

  it('attaches a photo to the product posted in its caption', async () => {
    const w = flowWorld(t.db);
    const { shop, c } = await linkedOwner(w);
    const echo = await c.photo('media/abc.jpg', 'telur 1kg 28rb');
    expect(echo[0]!.text).toContain('telur 1 kg — Rp 28.000');
    await c.text('1');
    expect((await productsOf(shop.id))[0]!.photo_path).toBe('media/abc.jpg');
  });

  it('shows revenue this month against the cap', async () => {
    const w = flowWorld(t.db);
    const { c } = await linkedOwner(w);
    const r = await c.option('rev');
    expect(r[0]!.text).toContain('Rp 0 dari Rp 30.000.000');
    expect(r[0]!.text).toContain('░░░░░░░░░░ 0%');
  });

  it('lets only the owner change the payment details', async () => {
    const w = flowWorld(t.db);
    const { shop, c } = await linkedOwner(w);
    await t.db
      .insertInto('shop_contacts')
      .values({ shop_id: shop.id, phone: '+6281234533333', name: 'Mbak Tin', role: 'helper' })
      .execute();
    const helper = w.chat('helper');
    const menu = await helper.contact('+6281234533333');
    expect(optionValues(menu)).not.toContain('pay');
    const refused = await helper.option('pay');
    expect(refused[0]!.text).toContain('hanya pemilik toko');

    await c.option('pay');
    const saved = await c.text('Transfer BRI 0123 a.n. Nyomi');
    expect(saved[0]!.text).toContain('Info pembayaran disimpan');
    const row = await t.db
      .selectFrom('shops')
      .select('payment_instructions')
      .where('id', '=', shop.id)
      .executeTakeFirstOrThrow();
    expect(row.payment_instructions).toBe('Transfer BRI 0123 a.n. Nyomi');
  });
});
