import { afterEach, describe, expect, it } from 'vitest';
import { catalogs } from '../../bots/flows/texts/index.js';

const CONTACT_HINT_TEXT = catalogs.id.contactHow.whatsapp;
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { waitUntil } from '../support/processes.js';
import { fakeMessage } from './fake-whatsapp-client.js';
import { gatewayWorld } from './gateway-world.js';

let world: Awaited<ReturnType<typeof gatewayWorld>> | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const LID = '201234567890123@lid';
const PHONE = '+6281234588001';

const card = (waid: string) => `BEGIN:VCARD\nVERSION:3.0\nFN:Saya\nTEL;type=CELL;waid=${waid}:+${waid}\nEND:VCARD`;
const linksOf = (w: NonNullable<typeof world>) =>
  w.db.selectFrom('chat_links').select(['channel', 'chat_id', 'phone']).execute();

describe('WhatsApp senders behind a privacy id (@lid)', () => {
  it('links an @lid sender through its contact and sends its notices to that chat', async () => {
    world = await gatewayWorld();
    const w = world;
    const buyer = await makeBuyer(w.db, { phone: PHONE });
    const r = await w.person(LID, { contactNumber: '6281234588001' }).say('halo');
    expect(r).toContain(`Halo Kak ${buyer.name}`);
    expect(r).not.toContain(CONTACT_HINT_TEXT);
    expect(await linksOf(w)).toEqual([{ channel: 'whatsapp', chat_id: LID, phone: PHONE }]);
    // A notice for that person goes to the @lid chat, the one they write from.
    const shop = await makeShop(w.db);
    const product = await makeProduct(w.db, shop.id, { price: 20_000 });
    const order = await w.core.orders.place({
      buyerId: buyer.id,
      shopId: shop.id,
      items: [{ productId: product.id, quantity: 1 }],
      fulfilment: 'pickup',
    });
    await waitUntil(
      async () => (await w.core.orders.get(order.id))?.status === 'reserved',
      10_000,
      'the order reserved',
    );
    await w.core.orders.accept(order.id, { kind: 'shop', shopId: shop.id });
    expect(await w.waitForText(LID, `Pesanan ${order.code} diterima oleh`)).toContain('Transfer BCA 123');
  });

  it('pairs the lid with its phone through WhatsApp when the contact does not know the number', async () => {
    world = await gatewayWorld();
    const w = world;
    const buyer = await makeBuyer(w.db, { phone: PHONE });
    w.client().lidToPhone.set(LID, `${PHONE.slice(1)}@c.us`);
    const r = await w.person(LID, { contactNumber: null }).say('halo');
    expect(r).toContain(`Halo Kak ${buyer.name}`);
    expect(await linksOf(w)).toEqual([{ channel: 'whatsapp', chat_id: LID, phone: PHONE }]);
  });

  it('asks for the number when none can be had, refuses a card of another number, and links with their own card', async () => {
    world = await gatewayWorld();
    const w = world;
    const buyer = await makeBuyer(w.db, { phone: PHONE });
    // The phone behind the lid is hidden, but WhatsApp tells the lid of a phone.
    w.client().phoneToLid.set(`${PHONE.slice(1)}@c.us`, LID);
    const person = w.person(LID, { contactNumber: null });
    const ask = await person.say('halo');
    expect(ask).toContain('nomor HP');
    expect(ask).toContain(CONTACT_HINT_TEXT);
    expect(await linksOf(w)).toEqual([]);

    const sendCard = async (waid: string) => {
      const before = person.count();
      w.client().emit(
        'message',
        fakeMessage({ from: LID, type: 'vcard', body: card(waid), vCards: [card(waid)], contactNumber: null }),
      );
      await waitUntil(async () => person.count() > before, 10_000, 'a reply to the card');
      await w.wa.pacer.idle();
      return person.last();
    };
    // Someone else's number (a buyer too) must not link this chat.
    await makeBuyer(w.db, { phone: '+6281234588002' });
    expect(await sendCard('6281234588002')).toContain('nomor HP Anda sendiri');
    expect(await linksOf(w)).toEqual([]);

    expect(await sendCard(PHONE.slice(1))).toContain(`Halo Kak ${buyer.name}`);
    expect(await linksOf(w)).toEqual([{ channel: 'whatsapp', chat_id: LID, phone: PHONE }]);
  });
});
