import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { flowWorld, optionValues } from '../support/flow-fixtures.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

const OWNER = '+6281234533333';
const BUYER = '+6281234544444';
const wib = (s: string) => new Date(`${s}+07:00`).toISOString();
const texts = (out: readonly { text: string }[]) => out.map((m) => m.text).join('\n');
const labels = (out: readonly { options?: readonly { label: string }[] }[]) =>
  out.flatMap((m) => m.options ?? []).map((o) => o.label);

async function world(at: string) {
  const w = flowWorld(t.db, { at });
  const shop = await makeShop(t.db, { ownerPhone: OWNER, kelurahan: '35.78.07.1003' });
  await makeProduct(t.db, shop.id, { name: 'beras', price: 65_000 });
  await makeBuyer(t.db, { phone: BUYER });
  const owner = w.chat('owner');
  await owner.contact(OWNER);
  const buyer = w.chat('buyer');
  await buyer.contact(BUYER);
  return { w, shop, owner, buyer };
}

describe('a shopkeeper opens and closes the shop in chat', () => {
  it('"tutup" closes it: buyers see it closed, cannot open it, and "buka" opens it again; each change audited', async () => {
    const { shop, owner, buyer } = await world(wib('2026-11-10T10:00:00'));
    const menu = await owner.text('menu');
    expect(texts(menu)).toContain('Jam buka 06:00–21:00. Sekarang: buka.');
    expect(optionValues(menu)).toContain('hrs:close');

    const closed = await owner.text('tutup dulu ya bu');
    expect(texts(closed)).toContain('Baik, toko ditutup.');
    expect(optionValues(closed)).toContain('hrs:open');
    const list = await buyer.option('shops');
    expect(labels(list).find((l) => l.startsWith(shop.name))).toMatch(/\(tutup\)$/);
    const refused = await buyer.option(`shop:${shop.id}`);
    expect(texts(refused)).toContain(`Maaf, ${shop.name} sedang tutup`);

    const opened = await owner.option('hrs:open');
    expect(texts(opened)).toContain('Baik, toko buka.');
    expect(labels(await buyer.option('shops')).find((l) => l.startsWith(shop.name))).not.toContain('(');
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('entity', '=', 'shop')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['shop.close', 'shop.open']);
    expect(audit[0]!.actor).toBe(`chat:telegram:${OWNER}`);
  });

  it('"libur tanggal 17" closes that day only, and "buka jam 7" changes the opening time', async () => {
    const { w, shop, owner, buyer } = await world(wib('2026-11-10T10:00:00'));
    expect(texts(await owner.text('libur tanggal 17'))).toContain('toko libur tanggal 17');
    expect(
      await t.db
        .selectFrom('shops')
        .select(['closed_from', 'closed_until'])
        .where('id', '=', shop.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ closed_from: wib('2026-11-17T00:00:00'), closed_until: wib('2026-11-18T00:00:00') });
    // Still open today.
    expect(texts(await buyer.option(`shop:${shop.id}`))).not.toContain('tutup');
    w.clock.set(wib('2026-11-17T09:00:00'));
    expect(labels(await buyer.option('shops')).find((l) => l.startsWith(shop.name))).toMatch(
      /\(tutup, buka lagi 06:00\)$/,
    );
    expect(texts(await owner.text('buka jam 7'))).toContain('jam buka toko sekarang 07:00–21:00');
    expect(texts(await owner.text('buka jam 7 sampai jam 7'))).toContain('tidak boleh sama');
  });

  it('at night a shop is listed with its opening time and still takes the order, which waits', async () => {
    const { shop, buyer } = await world(wib('2026-11-10T22:30:00'));
    const list = await buyer.option('shops');
    expect(labels(list).find((l) => l.startsWith(shop.name))).toMatch(/\(buka lagi 06:00\)$/);
    const products = await buyer.option(`shop:${shop.id}`);
    expect(optionValues(products).some((v) => v.startsWith('prod:'))).toBe(true);
  });

  it('"tutup" where the step reads free text (a posting) keeps its meaning there', async () => {
    const { shop, owner } = await world(wib('2026-11-10T10:00:00'));
    await owner.option('post');
    const out = await owner.text('tutup');
    expect(texts(out)).not.toContain('Baik, toko ditutup.');
    expect(
      (await t.db.selectFrom('shops').select('is_open').where('id', '=', shop.id).executeTakeFirstOrThrow()).is_open,
    ).toBe(1);
  });
});
