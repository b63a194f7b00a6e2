import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  recordNotification,
  recordNotifications,
  type NotificationDraft,
} from '../../src/notify/notification.repository.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { domainServices } from '../support/services.js';

// A reserve batch records its notices with recordNotifications, many notices at once; recordNotification
// records one. These tests hold the two to the same rows, the same dedupe and the same routing.

const AT = '2026-11-10T03:00:00.000Z';
let a: TestDb;
let b: TestDb;
beforeEach(async () => {
  [a, b] = [await createTestDb(), await createTestDb()];
});
afterEach(async () => {
  await a.cleanup();
  await b.cleanup();
});

/** The same world in both databases: one order, and chats linked for some of the phones. */
async function world(t: TestDb) {
  const s = domainServices(t.db);
  const buyer = await makeBuyer(t.db, { phone: '+6284100000001' });
  const shop = await makeShop(t.db, { ownerPhone: '+6284200000001' });
  const product = await makeProduct(t.db, shop.id);
  const order = await s.orders.place({
    buyerId: buyer.id,
    shopId: shop.id,
    items: [{ productId: product.id, quantity: 1 }],
    fulfilment: 'pickup',
  });
  const link = (channel: string, chatId: string, phone: string, linkedAt: string) =>
    t.db
      .insertInto('chat_links')
      .values({
        channel: channel as 'telegram',
        chat_id: chatId,
        phone,
        role: null,
        shop_id: null,
        linked_at: linkedAt,
      })
      .execute();
  // Linked on Telegram, later on WhatsApp: the later chat wins.
  await link('telegram', 't1', '+6284100000001', '2026-11-01T00:00:00.000Z');
  await link('whatsapp', 'w1', '+6284100000001', '2026-11-05T00:00:00.000Z');
  // Two chats linked at the same moment: the tie goes by channel name, as in currentChannelOf.
  await link('web', 'x2', '+6284200000001', '2026-11-02T00:00:00.000Z');
  await link('telegram', 't2', '+6284200000001', '2026-11-02T00:00:00.000Z');
  return order.id;
}

function drafts(orderId: string): NotificationDraft[] {
  const d = (template: string, phone: string): NotificationDraft => ({
    dedupeKey: `${template}:${orderId}:${phone}`,
    recipientPhone: phone,
    template,
    params: { code: 'PK-2345AB', total: 65_000, note: 'titip "Bu" Nyomi' },
    orderId,
  });
  // The unlinked phone goes to the plain queue; the last draft repeats the first.
  return [
    d('order.new', '+6284200000001'),
    d('order.new', '+6281299999999'),
    d('order.accepted', '+6284100000001'),
    d('order.new', '+6284200000001'),
  ];
}

const recorded = async (t: TestDb) => ({
  notifications: await t.db
    .selectFrom('notifications')
    .select(['id', 'dedupe_key', 'recipient_phone', 'template', 'params', 'order_id', 'status', 'created_at'])
    .orderBy('id')
    .execute(),
  outbox: await t.db
    .selectFrom('outbox')
    .select(['queue', 'job_name', 'job_id', 'payload', 'delay_until', 'created_at'])
    .where('job_name', '=', 'send')
    .orderBy('id')
    .execute(),
});

describe('recording the notices of a batch', () => {
  it('records the same notifications and outbox rows as recordNotification, routed to the same queues', async () => {
    const orderA = await world(a);
    const orderB = await world(b);
    await a.db.transaction().execute(async (trx) => {
      for (const n of drafts(orderA)) await recordNotification(trx, n, AT);
    });
    await b.db.transaction().execute((trx) => recordNotifications(trx, drafts(orderB), AT));
    const [ra, rb] = [await recorded(a), await recorded(b)];
    const anon = (r: typeof ra, orderId: string) =>
      JSON.parse(JSON.stringify(r).replaceAll(orderId, '<order>')) as unknown;
    expect(anon(rb, orderB)).toEqual(anon(ra, orderA));
    expect(rb.notifications).toHaveLength(3);
    expect(rb.outbox.map((o) => o.queue)).toEqual(['notify-telegram', 'notify', 'notify-whatsapp']);
  });

  it('records nothing new when the same notices come again', async () => {
    const order = await world(b);
    await b.db.transaction().execute((trx) => recordNotifications(trx, drafts(order), AT));
    const before = await recorded(b);
    await b.db.transaction().execute((trx) => recordNotifications(trx, drafts(order), '2026-11-10T04:00:00.000Z'));
    expect(await recorded(b)).toEqual(before);
  });
});
