import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseQris, qrisWithAmount, readQrImage } from '../../src/payments/index.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { flowWorld, lastText, optionValues } from '../support/flow-fixtures.js';
import { photoWithoutQr, qrPhoto, staticQris, withBadCrc } from '../support/qris-fixture.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

let t: TestDb;
let dir: string;
beforeEach(async () => {
  t = await createTestDb();
  dir = mkdtempSync(join(tmpdir(), 'peken-pay-flow-'));
});
afterEach(async () => {
  await t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const OWNER = '+6281234577777';
const HELPER = '+6281234577778';
const BUYER = '+6281234588888';

const qrisOf = async (shopId: number) =>
  (await t.db.selectFrom('shops').select('qris').where('id', '=', shopId).executeTakeFirstOrThrow()).qris;
const auditRows = () => t.db.selectFrom('audit_log').selectAll().where('action', '=', 'shop.qris').execute();
let photoSeq = 0;
const savePhoto = (bytes: Buffer) => {
  const path = join(dir, `photo-${++photoSeq}.jpg`);
  writeFileSync(path, bytes);
  return path;
};

async function ownerChat(w: ReturnType<typeof flowWorld>) {
  const shop = await makeShop(t.db, { linked: true, ownerPhone: OWNER });
  const c = w.chat('owner');
  await c.contact(OWNER);
  return { shop, c };
}

describe("the shop's QRIS, registered by its owner in chat", () => {
  it('from the menu item by photo: echoes merchant name and city, stores only on ya, audited', async () => {
    const w = flowWorld(t.db);
    const { shop, c } = await ownerChat(w);
    const payload = staticQris({ name: 'WARUNG NYOMI', city: 'SURABAYA' });
    const ask = await c.option('qris');
    expect(lastText(ask)).toContain('foto stiker QRIS');
    const echo = await c.photo(savePhoto(await qrPhoto(payload)), '');
    expect(lastText(echo)).toContain('Benar ini QRIS toko Ibu: WARUNG NYOMI, SURABAYA?');
    expect(optionValues(echo)).toEqual(['qris:yes', 'qris:no']);
    expect(await qrisOf(shop.id)).toBeNull();
    const saved = await c.text('1');
    expect(lastText(saved)).toContain('QRIS tersimpan: WARUNG NYOMI, SURABAYA');
    expect(await qrisOf(shop.id)).toBe(payload);
    const audit = await auditRows();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity: 'shop', entity_id: String(shop.id) });
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ merchantName: 'WARUNG NYOMI', merchantCity: 'SURABAYA' });
  });

  it('at any time by pasting its text; "tidak" stores nothing', async () => {
    const w = flowWorld(t.db);
    const { shop, c } = await ownerChat(w);
    const echo = await c.text(staticQris({ name: 'TOKO MAJU', city: 'SIDOARJO' }));
    expect(lastText(echo)).toContain('Benar ini QRIS toko Ibu: TOKO MAJU, SIDOARJO?');
    const refused = await c.text('tidak');
    expect(lastText(refused)).toContain('QRIS tidak disimpan');
    expect(await qrisOf(shop.id)).toBeNull();
    expect(await auditRows()).toHaveLength(0);
  });

  it('answers each bad input clearly and changes nothing: bad CRC, a URL QR, a photo with no QR, a dynamic QRIS, an oversized file', async () => {
    const w = flowWorld(t.db);
    const { shop, c } = await ownerChat(w);
    const good = staticQris();
    await c.option('qris');
    expect(lastText(await c.text(withBadCrc(good)))).toContain('angka pemeriksanya tidak cocok');
    expect(lastText(await c.photo(savePhoto(await qrPhoto('https://example.com/promo')), ''))).toContain('bukan QRIS');
    expect(lastText(await c.photo(savePhoto(await photoWithoutQr()), ''))).toContain('tidak menemukan kode QR');
    expect(lastText(await c.text(qrisWithAmount(good, 50_000)))).toContain('satu kali bayar');
    const big = join(dir, 'big.jpg');
    writeFileSync(big, Buffer.alloc(20 * 1024 * 1024, 0xff));
    expect(lastText(await c.photo(big, ''))).toContain('terlalu besar');
    // A 20 MB photo never reaches the engine from an adapter: it says so itself.
    expect(lastText(await c.send({ kind: 'unsupported', what: 'photo_too_large' }))).toContain('terlalu besar');
    // Still at the QRIS step, so the next good one works; nothing was stored meanwhile.
    expect(await qrisOf(shop.id)).toBeNull();
    expect(await auditRows()).toHaveLength(0);
    // Pasted at any other step, a broken QRIS text still gets its reason rather than a product echo.
    await c.text('menu');
    expect(lastText(await c.text(withBadCrc(good)))).toContain('angka pemeriksanya tidak cocok');
    expect(await qrisOf(shop.id)).toBeNull();
  });

  it('a helper cannot change it, by menu or by photo', async () => {
    const w = flowWorld(t.db);
    const { shop } = await ownerChat(w);
    await t.db
      .insertInto('shop_contacts')
      .values({ shop_id: shop.id, phone: HELPER, name: 'Mbak Tin', role: 'helper' })
      .execute();
    const h = w.chat('helper');
    const menu = await h.contact(HELPER);
    expect(optionValues(menu)).not.toContain('qris');
    expect(lastText(await h.option('qris'))).toContain('hanya pemilik toko');
    expect(lastText(await h.photo(savePhoto(await qrPhoto(staticQris())), ''))).toContain('hanya pemilik toko');
    // A forged "ya" from the helper's chat does nothing either.
    expect(lastText(await h.option('qris:yes'))).not.toContain('tersimpan');
    expect(await qrisOf(shop.id)).toBeNull();
  });
});

describe('checkout address and the acceptance', () => {
  async function orderToAcceptance(
    w: ReturnType<typeof flowWorld>,
    p: { qris: boolean; fulfilment: 'delivery' | 'pickup' },
  ) {
    const shop = await makeShop(t.db, { linked: true, ownerPhone: OWNER });
    await t.db
      .updateTable('shops')
      .set({ address: 'Jl. Kenjeran 12', qris: p.qris ? staticQris({ name: 'TOKO BU NYOMI' }) : null })
      .where('id', '=', shop.id)
      .execute();
    const beras = await makeProduct(t.db, shop.id, { name: 'beras', price: 65_000 });
    const buyer = await makeBuyer(t.db, { phone: BUYER });
    const b = w.chat('buyer');
    await b.contact(BUYER);
    await b.option(`shop:${shop.id}`);
    await b.text('1 2');
    await b.option('checkout');
    return { shop, beras, buyer, b };
  }

  it('delivery refuses "-" as an address and offers the last one again; pickup asks none', async () => {
    const w = flowWorld(t.db);
    const { b, beras } = await orderToAcceptance(w, { qris: false, fulfilment: 'delivery' });
    const ask = await b.option('ful:delivery');
    expect(lastText(ask)).toContain('Ke alamat mana');
    expect(optionValues(ask)).not.toContain('addr:last');
    expect(lastText(await b.text('-'))).toContain('"-" belum alamat');
    expect(lastText(await b.text('rumah'))).toContain('kurang lengkap');
    const confirm = await b.text('Jl. Melati 5 RT 02, pagar hijau');
    expect(lastText(confirm)).toContain('Antar ke: Jl. Melati 5 RT 02, pagar hijau');
    await b.text('ya');
    // The next order: the last address is offered, and picking it fills it in.
    await b.option(`prod:${beras.id}`);
    await b.text('1');
    await b.option('checkout');
    const again = await b.option('ful:delivery');
    expect(optionValues(again)).toContain('addr:last');
    expect(lastText(await b.option('addr:last'))).toContain('Antar ke: Jl. Melati 5 RT 02, pagar hijau');
    await b.option('cart');
    await b.option('checkout');
    const pickup = await b.option('ful:pickup');
    expect(lastText(pickup)).toContain('Periksa pesanan');
    expect(lastText(pickup)).toContain('Diambil sendiri');
    const placed = await b.text('ya');
    const code = /PK-[2-9A-Z]{6}/.exec(lastText(placed))![0];
    expect((await w.orders.getByCode(code))!.delivery_address).toBeNull();
  });

  it('on acceptance the buyer gets the QR for the exact total, then the shop contact; the shop gets the buyer; Bayar shows it again', async () => {
    const w = flowWorld(t.db);
    const { b, shop } = await orderToAcceptance(w, { qris: true, fulfilment: 'delivery' });
    await b.option('ful:delivery');
    await b.text('Jl. Melati 5 RT 02, pagar hijau');
    const placed = await b.text('ya');
    const order = (await w.orders.getByCode(/PK-[2-9A-Z]{6}/.exec(lastText(placed))![0]))!;
    await w.orders.reserve(order.id);
    const o = w.chat('owner');
    await o.contact(OWNER);
    const accepted = await o.option(`acc:${order.id}`);
    expect(lastText(accepted)).toContain('Pembeli: ASN');
    expect(lastText(accepted)).toContain(`HP: ${BUYER} (chat: https://wa.me/${BUYER.slice(1)})`);
    expect(lastText(accepted)).toContain('Antar ke: Jl. Melati 5 RT 02, pagar hijau');

    await w.deliverQueued();
    const toBuyer = w.telegram.sent.filter((s) => s.chatId === 'buyer');
    const imageAt = toBuyer.findIndex((s) => s.message.image);
    expect(imageAt).toBeGreaterThanOrEqual(0);
    const image = toBuyer[imageAt]!.message;
    expect(image.text).toContain('QRIS TOKO BU NYOMI');
    expect(image.text).toContain('Rp 130.000');
    expect(image.text).toContain(order.code);
    const read = await readQrImage(Buffer.from((image.image as { bytes: Uint8Array }).bytes));
    expect(read.ok).toBe(true);
    const decoded = parseQris((read as { text: string }).text);
    expect(decoded).toMatchObject({
      ok: true,
      qris: { amount: 130_000, merchantName: 'TOKO BU NYOMI', dynamic: true },
    });
    const notice = toBuyer[imageAt + 1]!.message.text;
    expect(notice).toContain(`diterima oleh ${shop.name}`);
    expect(notice).toContain('Cara bayar: Transfer BCA 123');
    expect(notice).toContain('Alamat: Jl. Kenjeran 12, Kel. ');
    expect(notice).toContain(`HP toko: ${OWNER} (chat: https://wa.me/${OWNER.slice(1)})`);

    // Pesanan saya → the order → Bayar: the same QR again, then the other instructions.
    const detail = await b.option(`ord:${order.id}`);
    expect(optionValues(detail)).toContain(`bayar:${order.id}`);
    const pay = await b.option(`bayar:${order.id}`);
    expect(pay).toHaveLength(2);
    expect(pay[0]!.image).toBeDefined();
    const again = await readQrImage(Buffer.from((pay[0]!.image as { bytes: Uint8Array }).bytes));
    expect(parseQris((again as { text: string }).text)).toMatchObject({ ok: true, qris: { amount: 130_000 } });
    expect(lastText(pay)).toContain('Cara bayar lain dari toko: Transfer BCA 123');
  });

  it('a shop without QRIS: the buyer gets the text instructions only, and Bayar says so; pickup tells where to collect', async () => {
    const w = flowWorld(t.db);
    const { b } = await orderToAcceptance(w, { qris: false, fulfilment: 'pickup' });
    await b.option('ful:pickup');
    const placed = await b.text('ya');
    const order = (await w.orders.getByCode(/PK-[2-9A-Z]{6}/.exec(lastText(placed))![0]))!;
    await w.orders.reserve(order.id);
    await w.orders.accept(order.id, { kind: 'shop', shopId: order.shop_id });
    await w.deliverQueued();
    const toBuyer = w.telegram.sent.filter((s) => s.chatId === 'buyer' && s.message.text.includes('diterima oleh'));
    expect(toBuyer).toHaveLength(1);
    expect(w.telegram.sent.some((s) => s.message.image)).toBe(false);
    expect(toBuyer[0]!.message.text).toContain('Ambil pesanan di: Jl. Kenjeran 12, Kel. ');
    const pay = await b.option(`bayar:${order.id}`);
    expect(pay).toHaveLength(1);
    expect(lastText(pay)).toContain('belum memasang QRIS. Cara bayar: Transfer BCA 123');
  });
});
