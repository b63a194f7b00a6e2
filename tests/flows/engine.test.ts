import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backOf } from '../../bots/flows/screens.js';
import type { State, Step } from '../../bots/flows/session.js';
import { saveConversation } from '../../src/chat/conversation.repository.js';
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

const PHONE = '+6281234577777';

async function buyerWithShop(w: ReturnType<typeof flowWorld>) {
  const buyer = await makeBuyer(t.db, { phone: PHONE });
  const shop = await makeShop(t.db, { linked: true });
  const product = await makeProduct(t.db, shop.id, { name: 'beras', price: 50_000 });
  const c = w.chat('c1');
  await c.contact(PHONE);
  return { buyer, shop, product, c };
}

/** One of the shop's first product in the cart, pick-up, no note: the chat now asks to confirm the order. */
async function toConfirmation(c: ReturnType<ReturnType<typeof flowWorld>['chat']>, shopId: number) {
  await c.option(`shop:${shopId}`);
  await c.text('1 1');
  await c.option('checkout');
  await c.option('ful:pickup');
  await c.text('-');
}

const stateOf = async (chatId = 'c1') => {
  const row = await t.db
    .selectFrom('conversations')
    .select('state')
    .where('chat_id', '=', chatId)
    .executeTakeFirstOrThrow();
  return (JSON.parse(row.state) as { state: State }).state;
};

describe('conversation engine', () => {
  it('keeps the state across a restart (a new engine on the same database)', async () => {
    const w = flowWorld(t.db);
    const { shop, product } = await buyerWithShop(w);
    await w.chat('c1').option(`shop:${shop.id}`);
    await w.chat('c1').text('1');
    const restarted = w.chat('c1', { handler: w.makeEngine() });
    const r = await restarted.text('3');
    expect(r[0]!.text).toContain('3 × beras');
    expect(await stateOf()).toEqual({ step: 'products', shopId: shop.id, page: 0 });
    const cart = await restarted.option('cart');
    expect(cart[0]!.text).toContain('Rp 150.000');
    expect(product.id).toBeGreaterThan(0);
  });

  it('goes back to the main menu after the idle timeout instead of acting on a stale answer', async () => {
    const w = flowWorld(t.db, { idleTimeoutMs: 30 * 60_000 });
    const { shop } = await buyerWithShop(w);
    await w.chat('c1').option(`shop:${shop.id}`);
    w.clock.advance(31 * 60_000);
    const r = await w.chat('c1').text('1');
    expect(r[0]!.text).toContain('Sesi sebelumnya berakhir');
    expect(await stateOf()).toEqual({ step: 'buyer_menu' });
    expect(optionValues(r)).toContain('shops');
  });

  it('keeps a shop waiting on an order decision answerable past the idle timeout', async () => {
    const w = flowWorld(t.db);
    const { buyer, shop, product } = await buyerWithShop(w);
    const owner = w.chat('owner');
    const ownerPhone = (
      await t.db.selectFrom('shop_contacts').select('phone').where('shop_id', '=', shop.id).executeTakeFirstOrThrow()
    ).phone;
    await owner.contact(ownerPhone);
    const o = await w.orders.place({
      buyerId: buyer.id,
      shopId: shop.id,
      items: [{ productId: product.id, quantity: 1 }],
      fulfilment: 'pickup',
    });
    await w.orders.reserve(o.id);
    await w.deliverQueued();
    w.clock.advance(50 * 60_000);
    await owner.text('1');
    expect((await w.orders.get(o.id))!.status).toBe('accepted');
  });

  it('gives a repeated message id no second effect: one order, no second reply', async () => {
    const w = flowWorld(t.db);
    const { shop, c } = await buyerWithShop(w);
    await toConfirmation(c, shop.id);
    const first = await c.text('1', 'update-42');
    expect(first[0]!.text).toMatch(/PK-/);
    const again = await c.text('1', 'update-42');
    expect(again).toEqual([]);
    const orders = await t.db.selectFrom('orders').select('id').execute();
    expect(orders).toHaveLength(1);
  });

  it('places one order when the confirming message comes again after a crash that lost its "handled" mark', async () => {
    const w = flowWorld(t.db);
    const { shop, c } = await buyerWithShop(w);
    await toConfirmation(c, shop.id);
    const beforeConfirm = await t.db
      .selectFrom('conversations')
      .selectAll()
      .where('chat_id', '=', 'c1')
      .executeTakeFirstOrThrow();
    const first = await c.text('ya', 'update-77');
    const code = /PK-[2-9A-Z]{6}/.exec(first[0]!.text)![0];
    // The crash: the order was committed, but the engine's own transaction (message handled, new state)
    // never happened. The platform then redelivers the same update.
    await t.db.deleteFrom('processed_messages').where('message_id', '=', 'update-77').execute();
    await saveConversation(t.db, {
      channel: 'telegram',
      chatId: 'c1',
      state: beforeConfirm.state,
      language: 'id',
      at: beforeConfirm.updated_at,
    });
    const again = await c.text('ya', 'update-77');
    expect(again[0]!.text).toContain(code);
    expect(await t.db.selectFrom('orders').select('id').execute()).toHaveLength(1);
    expect(await t.db.selectFrom('outbox').select('id').where('job_name', '=', 'reserve').execute()).toHaveLength(1);
    // A new message with the same words is a new order, as the buyer meant.
    await toConfirmation(c, shop.id);
    await c.text('ya', 'update-78');
    expect(await t.db.selectFrom('orders').select('id').execute()).toHaveLength(2);
  });

  it('handles two messages of one chat at once one after the other', async () => {
    const w = flowWorld(t.db);
    const { shop, c } = await buyerWithShop(w);
    await toConfirmation(c, shop.id);
    // A double tap on "Ya, pesan": the second sees the first's state (cart gone) and places nothing.
    await Promise.all([c.text('1'), c.text('1')]);
    expect(await t.db.selectFrom('orders').select('id').execute()).toHaveLength(1);
  });

  it('answers unsupported content politely and keeps the options', async () => {
    const w = flowWorld(t.db);
    const { c } = await buyerWithShop(w);
    const r = await c.send({ kind: 'unsupported', what: 'sticker' });
    expect(r[0]!.text).toContain('Maaf, saya hanya bisa membaca pesan teks/foto.');
    expect(optionValues(r)).toContain('shops');
  });

  it('re-asks with the same options when an answer is not understood', async () => {
    const w = flowWorld(t.db);
    const { c } = await buyerWithShop(w);
    const menu = await c.text('menu');
    const r = await c.text('asdfgh');
    expect(r[0]!.text).toContain('Maaf, saya belum paham');
    expect(optionValues(r)).toEqual(optionValues(menu));
    const outOfRange = await c.text('9');
    expect(outOfRange[0]!.text).toContain('Maaf, saya belum paham');
  });
});

describe('always-words and re-asks in every state', () => {
  async function everyState(w: ReturnType<typeof flowWorld>) {
    // A person who is both buyer and the shop's owner, on the buyer side, so that every step applies.
    const buyer = await makeBuyer(t.db, { phone: PHONE });
    const shop = await makeShop(t.db, { linked: true, ownerPhone: PHONE });
    const product = await makeProduct(t.db, shop.id, { name: 'beras', price: 50_000 });
    const order = await w.orders.place({
      buyerId: buyer.id,
      shopId: shop.id,
      items: [{ productId: product.id, quantity: 1 }],
      fulfilment: 'pickup',
    });
    await w.orders.reserve(order.id);
    const states: Record<Step, State> = {
      link: { step: 'link' },
      role: { step: 'role' },
      language: { step: 'language' },
      buyer_menu: { step: 'buyer_menu' },
      shops: { step: 'shops', page: 0 },
      products: { step: 'products', shopId: shop.id, page: 0 },
      nudge: { step: 'nudge', shopId: shop.id, altId: shop.id, area: null, goods: ['beras'] },
      quantity: { step: 'quantity', productId: product.id, mode: 'add' },
      confirm_item: { step: 'confirm_item', productId: product.id, quantity: 2 },
      pick_item: { step: 'pick_item', picks: [{ productId: product.id, quantity: 2 }] },
      confirm_repeat: { step: 'confirm_repeat', orderId: order.id },
      cart: { step: 'cart' },
      cart_pick: { step: 'cart_pick', mode: 'remove' },
      fulfilment: { step: 'fulfilment' },
      address: { step: 'address' },
      confirm_order: { step: 'confirm_order', fulfilment: 'pickup', address: null },
      my_orders: { step: 'my_orders' },
      my_order: { step: 'my_order', orderId: order.id },
      confirm_cancel: { step: 'confirm_cancel', orderId: order.id },
      received: { step: 'received', orderId: order.id },
      paid_method: { step: 'paid_method', orderId: order.id },
      paid_receipt: { step: 'paid_receipt', orderId: order.id, method: 'transfer' },
      quota: { step: 'quota' },
      shop_menu: { step: 'shop_menu' },
      post: { step: 'post', photoPath: null },
      post_confirm: {
        step: 'post_confirm',
        items: [{ name: 'gula', quantity: null, price: 17_000, stock: null, outOfStock: false }],
        photoPath: null,
      },
      shop_orders: { step: 'shop_orders' },
      shop_order: { step: 'shop_order', orderId: order.id },
      decide: { step: 'decide', orderId: order.id },
      which_order: { step: 'which_order', action: 'acc' },
      reject_reason: { step: 'reject_reason', orderId: order.id },
      revenue: { step: 'revenue' },
      payment_info: { step: 'payment_info' },
      qris: { step: 'qris' },
      qris_confirm: { step: 'qris_confirm', payload: 'not-a-qris' },
    };
    const c = w.chat('all');
    await c.contact(PHONE);
    await c.option('role:buyer');
    const put = (state: State) =>
      saveConversation(t.db, {
        channel: 'telegram',
        chatId: 'all',
        language: 'id',
        at: w.clock.now().toISOString(),
        state: JSON.stringify({
          state,
          cart: { shopId: shop.id, lines: [{ productId: product.id, quantity: 1 }] },
          options: ['x:1'],
          yesNo: null,
        }),
      });
    return { states, c, put, order };
  }

  it('menu, batal, bantuan and 0 answer in every state', async () => {
    const w = flowWorld(t.db);
    const { states, c, put } = await everyState(w);
    const home: State = { step: 'buyer_menu' };
    for (const state of Object.values(states)) {
      for (const word of ['menu', 'batal', 'bantuan', '0']) {
        await put(state);
        const r = await c.text(word);
        expect(r, `${word} in ${state.step}`).toHaveLength(1);
        expect(r[0]!.text.length, `${word} in ${state.step}`).toBeGreaterThan(0);
        const after = await stateOf('all');
        if (word !== '0') expect(after, `${word} in ${state.step}`).toEqual({ step: 'buyer_menu' });
        else expect(after, `0 in ${state.step}`).toEqual(state.step === 'link' ? home : backOf(state, home));
      }
    }
  });

  it('never leaves gibberish unanswered, in any state', async () => {
    const w = flowWorld(t.db);
    const { states, c, put, order } = await everyState(w);
    // These steps take free text by design: any words are an address (or why it is not one), a reason,
    // payment details or a QRIS text (or why it is not one).
    const freeText = new Set<Step>(['address', 'reject_reason', 'payment_info', 'qris']);
    for (const state of Object.values(states)) {
      if (freeText.has(state.step)) continue;
      await put(state);
      const r = await c.text('zzkq wq');
      expect(r, state.step).toHaveLength(1);
      expect(r[0]!.text, state.step).toMatch(/Maaf/);
    }
    expect((await w.orders.get(order.id))!.status).toBe('reserved');
  });

  it('answers stickers, empty text, 5,000 characters, emoji only and SQL-looking text helpfully in every state', async () => {
    const w = flowWorld(t.db);
    const { states, c, put, order } = await everyState(w);
    const odd: { what: string; send: () => ReturnType<typeof c.text> }[] = [
      { what: 'sticker', send: () => c.send({ kind: 'unsupported', what: 'sticker' }) },
      { what: 'empty', send: () => c.text('') },
      { what: 'blank', send: () => c.text(' \n\t ') },
      { what: '5000 chars', send: () => c.text('beras '.repeat(834).slice(0, 5000)) },
      { what: 'emoji only', send: () => c.text('😀🙏🙏') },
      { what: 'sql', send: () => c.text("1'; DROP TABLE orders; --") },
    ];
    for (const state of Object.values(states)) {
      for (const input of odd) {
        await put(state);
        const r = await input.send();
        const where = `${input.what} in ${state.step}`;
        expect(r.length, where).toBeGreaterThanOrEqual(1);
        for (const m of r) {
          expect(m.text.trim().length, where).toBeGreaterThan(0);
          expect(m.text, where).not.toMatch(/Error|\n\s+at |undefined|NaN|\[object/);
        }
      }
    }
    // The orders table is still there and the shop's order is untouched, unless a reason was typed for a
    // refusal (which is what that step is for).
    const after = await w.orders.get(order.id);
    expect(['reserved', 'rejected']).toContain(after!.status);
  });
});
