import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeBuyer, makeShop } from '../support/fixtures.js';
import { flowWorld, lastText, optionValues } from '../support/flow-fixtures.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

describe('linking a chat to a phone', () => {
  it('asks an unknown Telegram chat to share its contact', async () => {
    const w = flowWorld(t.db);
    const r = await w.chat('100').text('halo');
    expect(r).toHaveLength(1);
    expect(r[0]!.requestContact).toEqual({ label: '📱 Bagikan nomor' });
    expect(r[0]!.text).toContain('Tekan tombol "📱 Bagikan nomor"');
  });

  it('links a buyer who shares their own contact and shows the buyer menu', async () => {
    const w = flowWorld(t.db);
    const buyer = await makeBuyer(t.db, { phone: '+6281234500001' });
    const r = await w.chat('101').contact('081234500001', true);
    expect(lastText(r)).toContain(`Halo Kak ${buyer.name}`);
    expect(optionValues(r)).toEqual(expect.arrayContaining(['shops', 'orders', 'quota', 'lang', 'help']));
    const link = await t.db.selectFrom('chat_links').selectAll().execute();
    expect(link).toHaveLength(1);
  });

  it("refuses someone else's contact card", async () => {
    const w = flowWorld(t.db);
    await makeBuyer(t.db, { phone: '+6281234500002' });
    const r = await w.chat('102').contact('+6281234500002', false);
    expect(r[0]!.text).toContain('nomor HP Anda sendiri');
    expect(r[0]!.requestContact).toEqual({ label: '📱 Bagikan nomor' });
    // Still not linked: the next message asks again.
    expect((await w.chat('102').text('menu'))[0]!.requestContact).toEqual({ label: '📱 Bagikan nomor' });
  });

  it('tells an unknown number how to register', async () => {
    const w = flowWorld(t.db);
    const r = await w.chat('103').contact('+6281299999999', true);
    expect(r[0]!.text).toContain('hubungi admin OPD');
    expect(r[0]!.text).toContain('Dinas Koperasi');
  });

  it('links a WhatsApp chat from the sender phone without asking', async () => {
    const w = flowWorld(t.db);
    await makeBuyer(t.db, { phone: '+6281234500003' });
    const r = await w.chat('62812@c.us', { channel: 'whatsapp', senderPhone: '+6281234500003' }).text('halo');
    expect(r[0]!.requestContact).toBeUndefined();
    expect(optionValues(r)).toContain('shops');
  });

  it('links a shop owner to the shop menu, with the payment item for the owner', async () => {
    const w = flowWorld(t.db);
    const shop = await makeShop(t.db, { ownerPhone: '+6281234500004' });
    const r = await w.chat('104').contact('+6281234500004');
    expect(lastText(r)).toContain(shop.name);
    expect(optionValues(r)).toEqual(expect.arrayContaining(['post', 'sorders', 'rev', 'pay']));
  });

  it('lets a person who is both buyer and shopkeeper choose a role once and remembers it', async () => {
    const w = flowWorld(t.db);
    const shop = await makeShop(t.db, { ownerPhone: '+6281234500005' });
    await makeBuyer(t.db, { phone: '+6281234500005' });
    const c = w.chat('105');
    const r = await c.contact('+6281234500005');
    expect(optionValues(r)).toEqual(['role:buyer', `role:shop:${shop.id}`]);
    const chosen = await c.text('2');
    expect(optionValues(chosen)).toContain('post');
    // A new engine (a restart) still knows the choice.
    const again = await w.chat('105', { handler: w.makeEngine() }).text('menu');
    expect(optionValues(again)).toContain('post');
    expect(optionValues(again)).toContain('role');
  });
});
