import { afterEach, describe, expect, it } from 'vitest';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { waitUntil } from '../support/processes.js';
import { choose, gatewayWorld } from './gateway-world.js';

let world: Awaited<ReturnType<typeof gatewayWorld>> | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const OWNER = '+6281234566001';
const BUYER = '+6281234566002';
const jid = (phone: string) => `${phone.slice(1)}@c.us`;

/** Drops the connection as whatsapp-web.js reports it, and brings a new client up once the backoff created it. */
async function dropAndReconnect(w: NonNullable<typeof world>) {
  const before = w.clients.length;
  w.client().emit('disconnected', 'NAVIGATION');
  expect(w.wa.status().state).toBe('disconnected');
  await waitUntil(async () => w.clients.length > before, 5000, 'a new client after the backoff');
  expect(w.wa.status().state).toBe('starting');
  w.client().emit('ready');
  expect(w.wa.status()).toMatchObject({ state: 'ready', restarts: before });
}

describe('WhatsApp disconnects', () => {
  it('keeps every conversation where it was across a reconnect, and gives a repeated message id one effect', async () => {
    world = await gatewayWorld();
    const w = world;
    const shop = await makeShop(w.db, { ownerPhone: OWNER });
    await makeProduct(w.db, shop.id, { name: 'beras', price: 65_000 });
    await makeBuyer(w.db, { phone: BUYER });
    const owner = w.person(jid(OWNER));
    const buyer = w.person(jid(BUYER));

    // The shopkeeper is in the middle of a posting, the buyer in the middle of filling a cart.
    await owner.say('halo');
    const echo = await owner.say('minyak 2L 34rb');
    expect(echo).toContain('minyak 2 l');
    expect(echo).toContain('Sudah benar?');
    let r = await buyer.say('halo');
    r = await buyer.say(choose(r, 'Belanja'));
    r = await buyer.say(choose(r, shop.name));
    r = await buyer.say('1 2', 'false_BUYER_REPEATED');
    expect(r).toContain('2 × beras');

    await dropAndReconnect(w);

    // WhatsApp hands the same message over again after the reconnect: nothing happens twice.
    const sentBefore = buyer.count();
    buyer.emit('1 2', 'false_BUYER_REPEATED');
    await new Promise((resolve) => setTimeout(resolve, 400));
    await w.wa.pacer.idle();
    expect(buyer.count()).toBe(sentBefore);

    // Both carry on from where they were, through the new client.
    const saved = await owner.say('1');
    expect(saved).toContain('Tersimpan: 1 barang');
    const products = await w.db
      .selectFrom('products')
      .select(['name', 'price'])
      .where('shop_id', '=', shop.id)
      .orderBy('name')
      .execute();
    expect(products).toEqual([
      { name: 'beras', price: 65_000 },
      { name: 'minyak', price: 34_000 },
    ]);
    r = await buyer.say('menu');
    const cart = await buyer.say(choose(r, 'Keranjang'));
    expect(cart).toContain('2 × beras');
    expect(cart).not.toContain('4 × beras');
    expect(w.clients.at(-1)!.sends.map((s) => s.chatId)).toEqual(expect.arrayContaining([owner.jid, buyer.jid]));
  }, 60_000);

  it('holds a notice while WhatsApp is disconnected and sends it after the reconnect, instead of losing it', async () => {
    world = await gatewayWorld();
    const w = world;
    const shop = await makeShop(w.db, { ownerPhone: OWNER });
    const product = await makeProduct(w.db, shop.id, { name: 'beras', price: 65_000 });
    const buyerRow = await makeBuyer(w.db, { phone: BUYER });
    const owner = w.person(jid(OWNER));
    await owner.say('halo');

    w.client().emit('disconnected', 'CONFLICT');
    const order = await w.core.orders.place({
      buyerId: buyerRow.id,
      shopId: shop.id,
      items: [{ productId: product.id, quantity: 1 }],
      fulfilment: 'pickup',
    });
    const noticeOf = () =>
      w.db
        .selectFrom('notifications')
        .select(['status', 'channel', 'error'])
        .where('order_id', '=', order.id)
        .where('template', '=', 'order.new')
        .executeTakeFirst();
    // The notify worker tries, finds WhatsApp down, and holds the WhatsApp queue without using up attempts.
    await waitUntil(
      async () => (await w.core.orders.get(order.id))?.status === 'reserved',
      10_000,
      'the order reserved',
    );
    await waitUntil(async () => w.wa.pacer.stats().failed > 0, 10_000, 'a send refused while disconnected');
    expect(await noticeOf()).toMatchObject({ status: 'queued' });

    await waitUntil(async () => w.clients.length > 1, 5000, 'a new client');
    // Down for longer than ordinary retries take (0.5 s, then 1 s), so a counted retry would show.
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect(await noticeOf()).toMatchObject({ status: 'queued' });
    w.client().emit('ready');
    const notice = await w.waitForText(owner.jid, `Pesanan baru ${order.code}`, 0, 20_000);
    expect(notice).toContain('1. Terima');
    await waitUntil(async () => (await noticeOf())?.status === 'sent', 5000, 'the notice marked sent');
    expect(await noticeOf()).toMatchObject({ status: 'sent', channel: 'whatsapp' });
    const n = (
      await w.db
        .selectFrom('notifications')
        .select('id')
        .where('order_id', '=', order.id)
        .where('template', '=', 'order.new')
        .executeTakeFirstOrThrow()
    ).id;
    const job = await w.core.notifyQueues.forChannel('whatsapp').getJob(`notify-${n}`);
    // Tries while WhatsApp was down paused the queue; they were not failed attempts (that would be ≥ 2 here).
    expect(job?.attemptsMade).toBe(1);
    // Exactly once, although it was tried while disconnected.
    expect(w.sendsTo(owner.jid).filter((s) => s.text.includes(`Pesanan baru ${order.code}`))).toHaveLength(1);
  }, 60_000);
});
