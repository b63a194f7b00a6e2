import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledger } from '../../src/ledger/index.js';
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

const OWNER = '+6281234544444';
const BUYER = '+6281234555555';

/** A linked shop owner and a linked buyer, and an order placed and reserved (the worker's step). */
async function orderWaiting(w: ReturnType<typeof flowWorld>) {
  const shop = await makeShop(t.db, { ownerPhone: OWNER });
  const product = await makeProduct(t.db, shop.id, { name: 'beras', price: 65_000 });
  const buyer = await makeBuyer(t.db, { phone: BUYER });
  const owner = w.chat('chat-owner');
  await owner.contact(OWNER);
  const buyerChat = w.chat('chat-buyer');
  await buyerChat.contact(BUYER);
  const order = await w.orders.place({
    buyerId: buyer.id,
    shopId: shop.id,
    items: [{ productId: product.id, quantity: 2 }],
    fulfilment: 'delivery',
    note: 'pagar hijau',
  });
  expect((await w.orders.reserve(order.id)).outcome).toBe('reserved');
  return { shop, buyer, owner, buyerChat, order };
}

const sentTo = (w: ReturnType<typeof flowWorld>, chatId: string) => w.telegram.sent.filter((s) => s.chatId === chatId);

describe('orders between buyer and shop through notifications', () => {
  it('delivers order.new to the shop, accepts it on a bare 1 and tells the buyer how to pay', async () => {
    const w = flowWorld(t.db);
    const { owner, order } = await orderWaiting(w);
    const results = await w.deliverQueued();
    expect(results).toEqual([{ template: 'order.new', phone: OWNER, result: { status: 'sent', channel: 'telegram' } }]);
    const [notice] = sentTo(w, 'chat-owner');
    expect(notice!.meta).toEqual({ category: 'order_update' });
    expect(notice!.message.text).toContain(`Pesanan baru ${order.code}`);
    expect(notice!.message.text).toContain('2 × beras (kg)');
    expect(notice!.message.options?.map((o) => o.value)).toEqual([`acc:${order.id}`, `rej:${order.id}`]);

    const r = await owner.text('1');
    expect(r[0]!.text).toContain(`Pesanan ${order.code} diterima`);
    expect((await w.orders.get(order.id))!.status).toBe('accepted');

    await w.deliverQueued();
    const [accepted] = sentTo(w, 'chat-buyer');
    expect(accepted!.message.text).toContain(`Pesanan ${order.code} diterima`);
    expect(accepted!.message.text).toContain('Transfer BCA 123');
  });

  it('rejects on 2 after asking the reason, and tells the buyer the reason', async () => {
    const w = flowWorld(t.db);
    const { owner, order, shop } = await orderWaiting(w);
    await w.deliverQueued();
    const ask = await owner.text('2');
    expect(ask[0]!.text).toContain(`Kenapa pesanan ${order.code} ditolak`);
    expect((await w.orders.get(order.id))!.status).toBe('reserved');
    const done = await owner.text('1'); // Stok habis
    expect(done[0]!.text).toContain('ditolak');
    expect(await w.orders.get(order.id)).toMatchObject({ status: 'rejected', reason: 'stock' });
    expect(await ledger.shopBalance(t.db, shop.id, '2026-11')).toEqual({ held: 0, committed: 0 });
    await w.deliverQueued();
    expect(sentTo(w, 'chat-buyer')[0]!.message.text).toContain('ditolak toko: stok habis');
  });

  it("takes a typed reason in the shopkeeper's own words", async () => {
    const w = flowWorld(t.db);
    const { owner, order } = await orderWaiting(w);
    await w.deliverQueued();
    await owner.text('mboten');
    await owner.text('kurirnya sakit');
    expect(await w.orders.get(order.id)).toMatchObject({ status: 'rejected', reason: 'kurirnya sakit' });
  });

  it("does nothing with a forged acc: for another shop's order but say it is not found", async () => {
    const w = flowWorld(t.db);
    const { order } = await orderWaiting(w);
    await makeShop(t.db, { ownerPhone: '+6281234566666' });
    const intruder = w.chat('chat-intruder');
    await intruder.contact('+6281234566666');
    const r = await intruder.option(`acc:${order.id}`);
    expect(r[0]!.text).toContain('tidak ditemukan');
    const r2 = await intruder.option(`why:stock:${order.id}`);
    expect(r2[0]!.text).toContain('tidak ditemukan');
    expect((await w.orders.get(order.id))!.status).toBe('reserved');
  });

  it('completes after delivered and paid, with the commit in the ledger', async () => {
    const w = flowWorld(t.db);
    const { owner, buyerChat, order, shop, buyer } = await orderWaiting(w);
    await w.deliverQueued();
    await owner.text('1');
    const delivered = await owner.option(`dlv:${order.id}`);
    expect(delivered[0]!.text).toContain('sudah diantar');
    await w.deliverQueued();
    const ask = sentTo(w, 'chat-buyer').at(-1)!;
    expect(ask.message.text).toContain('Sudah Anda terima?');
    const thanks = await buyerChat.text('1');
    expect(thanks[0]!.text).toContain('Terima kasih');
    const paid = await owner.option(`paid:${order.id}`);
    expect(paid[0]!.text).toContain(`Pesanan ${order.code} selesai`);
    expect((await w.orders.get(order.id))!.status).toBe('completed');
    expect(await ledger.shopBalance(t.db, shop.id, '2026-11')).toEqual({ held: 0, committed: 130_000 });
    expect(await ledger.buyerBalance(t.db, buyer.id, '2026-11')).toEqual({ held: 0, committed: 130_000 });
    const commits = await t.db
      .selectFrom('ledger_entries')
      .select('account')
      .where('order_id', '=', order.id)
      .where('kind', '=', 'commit')
      .execute();
    expect(commits.map((c) => c.account).sort()).toEqual([`buyer:${buyer.id}`, `shop:${shop.id}`]);
  });

  it('renders every order template and a generic text for an unknown one', async () => {
    const w = flowWorld(t.db);
    await makeBuyer(t.db, { phone: BUYER });
    await w.chat('chat-buyer').contact(BUYER);
    const templates = [
      'order.refused',
      'order.accepted',
      'order.rejected',
      'order.cancelled',
      'order.delivered',
      'order.received',
      'order.completed',
      'order.completed_shop',
      'order.expired',
      'order.expired_shop',
      'order.reminder',
      'order.new',
      'order.someday',
    ];
    for (const [i, template] of templates.entries()) {
      const r = await w.delivery.deliver({
        id: i + 1,
        recipientPhone: BUYER,
        template,
        params: { code: 'PK-ABCDEF', total: 10_000, reason: 'outside_area', shop: 'Toko X', payment: 'QRIS' },
        orderId: null,
      });
      expect(r).toEqual({ status: 'sent', channel: 'telegram' });
    }
    const texts = w.telegram.sent.map((s) => s.message.text);
    expect(texts[0]).toContain('di luar wilayah belanja Anda');
    expect(texts.every((x) => x.includes('PK-ABCDEF'))).toBe(true);
    expect(texts.at(-1)).toContain('Ada kabar baru untuk pesanan PK-ABCDEF');
  });

  it('reports unreachable when the person has no linked chat on an available channel', async () => {
    const w = flowWorld(t.db);
    await makeBuyer(t.db, { phone: BUYER });
    await w.chat('web-tab', { channel: 'web', senderPhone: BUYER }).text('halo');
    const r = await w.delivery.deliver({
      id: 1,
      recipientPhone: BUYER,
      template: 'order.completed',
      params: { code: 'PK-ABCDEF', total: 1 },
      orderId: null,
    });
    expect(r).toEqual({ status: 'unreachable' });
    const nobody = await w.delivery.deliver({
      id: 2,
      recipientPhone: '+6281299990000',
      template: 'order.completed',
      params: {},
      orderId: null,
    });
    expect(nobody).toEqual({ status: 'unreachable' });
  });

  it('lets a send error reach the caller so the worker can retry', async () => {
    const w = flowWorld(t.db);
    const { createNotificationDelivery } = await import('../../bots/flows/index.js');
    await makeBuyer(t.db, { phone: BUYER });
    await w.chat('chat-buyer').contact(BUYER);
    const failing = createNotificationDelivery({
      db: t.db,
      clock: w.clock,
      channels: {
        telegram: {
          name: 'telegram',
          send: async () => {
            throw new Error('429');
          },
        },
      },
    });
    await expect(
      failing.deliver({ id: 1, recipientPhone: BUYER, template: 'order.completed', params: {}, orderId: null }),
    ).rejects.toThrow('429');
  });

  it('does not move the shop to a new order whose notice failed to send: a bare 1 cannot accept it unseen', async () => {
    const w = flowWorld(t.db);
    const { owner, order } = await orderWaiting(w);
    const { createNotificationDelivery } = await import('../../bots/flows/index.js');
    const failing = createNotificationDelivery({
      db: t.db,
      clock: w.clock,
      channels: {
        telegram: {
          name: 'telegram',
          send: async () => {
            throw new Error('network down');
          },
        },
      },
    });
    const n = await t.db
      .selectFrom('notifications')
      .selectAll()
      .where('template', '=', 'order.new')
      .executeTakeFirstOrThrow();
    await expect(
      failing.deliver({
        id: n.id,
        recipientPhone: OWNER,
        template: n.template,
        params: JSON.parse(n.params) as Record<string, string | number | null>,
        orderId: n.order_id,
      }),
    ).rejects.toThrow('network down');
    await owner.text('1');
    expect((await w.orders.get(order.id))!.status).toBe('reserved');
    // Once the notice does go out, the same "1" accepts.
    await w.deliverQueued();
    await owner.text('1');
    expect((await w.orders.get(order.id))!.status).toBe('accepted');
  });

  it('answers the new order in English for a shopkeeper who chose English', async () => {
    const w = flowWorld(t.db);
    const { owner, order } = await orderWaiting(w);
    await owner.option('lang:en');
    await w.deliverQueued();
    const notice = sentTo(w, 'chat-owner').at(-1)!;
    expect(notice.message.text).toContain(`New order ${order.code}`);
    expect(optionValues([notice.message])).toEqual([`acc:${order.id}`, `rej:${order.id}`]);
    const r = await owner.text('yes');
    expect(r[0]!.text).toContain(`Order ${order.code} accepted`);
  });
});
