import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { OutboundMessage } from '../../src/chat/ports.js';
import { liveChannels } from '../../src/jobs/channel-heartbeat.js';
import { createChat, type Chat } from '../../src/app/chat.js';
import { createCore, type Core } from '../../src/app/core.js';
import { upsertChatLink } from '../../src/chat/chat-link.repository.js';
import { createLiveChannels } from '../../src/chat/live-channels.js';
import { createRedis } from '../../src/jobs/connection.js';
import { createWebChatChannel, type WebChatChannel } from '../../src/server/web-chat/web-chat-channel.js';
import { createListingService } from '../../src/shops/listing.service.js';
import { silentLogger } from '../../src/shared/logger.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { waitUntil } from '../support/processes.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

/**
 * A shop is listed only when someone can answer for it: a contact with a linked chat on a channel some
 * process runs (the channel heartbeat in a real Redis). This process runs the web chat, as `npm start` does.
 */
let t: TestDb;
let core: Core;
let chat: Chat;
let web: WebChatChannel;

beforeEach(async () => {
  t = await createTestDb();
  core = await createCore({
    database: t.location,
    redisUrl: inject('redisUrl'),
    queuePrefix: `t-reach-${process.pid}-${Date.now()}`,
    workerConcurrency: 2,
    workerLockMs: 5000,
    sweepIntervalMs: 60_000,
    outboxIntervalMs: 50,
    telegramRatePerSecond: 50,
    logger: silentLogger(),
    workers: true,
  });
  web = createWebChatChannel();
  chat = createChat(core, { web });
  core.startWorkers(chat.delivery, { channels: ['web'], broadcastChannels: { web } });
  await waitUntil(async () => core.producer.status === 'ready', 5000, 'Redis ready');
});
afterEach(async () => {
  for (const q of [core.queues.orders, core.queues.notify, ...core.notifyQueues.all()])
    await q.obliterate({ force: true }).catch(() => {});
  await core.close();
  await t.cleanup();
});

let msg = 0;
const say = (chatId: string, phone: string, text: string) =>
  chat.engine.handle({
    channel: 'web',
    chatId,
    messageId: `m${++msg}`,
    senderPhone: phone,
    content: { kind: 'text', text },
  });
const press = (chatId: string, phone: string, value: string) =>
  chat.engine.handle({
    channel: 'web',
    chatId,
    messageId: `m${++msg}`,
    senderPhone: phone,
    content: { kind: 'option', value },
  });
const shopValues = (r: readonly OutboundMessage[]) =>
  (r.at(-1)?.options ?? []).map((o) => o.value).filter((v) => v.startsWith('shop:'));
const numbered = (m: OutboundMessage | undefined) =>
  [m?.text ?? '', ...(m?.options ?? []).map((o, i) => `${i + 1}. ${o.label}`)].join('\n');

describe('reachable shops', () => {
  it('lists only shops with a contact linked on a running channel; an unlinked shop gets its waiting order when its owner first writes', async () => {
    const unlinked = await makeShop(t.db, { ownerPhone: '+6281234560001' });
    const onWeb = await makeShop(t.db, { ownerPhone: '+6281234560002' });
    const onDeadChannel = await makeShop(t.db, { ownerPhone: '+6281234560003' });
    const beras = await makeProduct(t.db, unlinked.id, { name: 'beras', price: 65_000 });
    const at = new Date().toISOString();
    await upsertChatLink(t.db, {
      channel: 'web',
      chatId: 'owner-web',
      phone: '+6281234560002',
      role: 'shop',
      shopId: onWeb.id,
      at,
    });
    // Linked on WhatsApp, which no process runs here: nobody would hear of an order.
    await upsertChatLink(t.db, {
      channel: 'whatsapp',
      chatId: '6281234560003@c.us',
      phone: '+6281234560003',
      role: 'shop',
      shopId: onDeadChannel.id,
      at,
    });
    const buyer = await makeBuyer(t.db, { phone: '+6281234560100' });

    await say('buyer', buyer.phone, 'halo');
    expect(shopValues(await press('buyer', buyer.phone, 'shops'))).toEqual([`shop:${onWeb.id}`]);
    // An old button of an unreachable shop does not open it either.
    expect(numbered((await press('buyer', buyer.phone, `shop:${unlinked.id}`)).at(-1))).toContain(
      'tidak bisa menerima pesanan',
    );

    // An order that reached the unlinked shop anyway (placed while it still was reachable): its notice
    // finds no chat and is stored unreachable.
    const placed = await core.orders.place({
      buyerId: buyer.id,
      shopId: unlinked.id,
      items: [{ productId: beras.id, quantity: 1 }],
      fulfilment: 'pickup',
    });
    const order = (await core.orders.get(placed.id))!;
    const notice = () =>
      t.db
        .selectFrom('notifications')
        .select(['status', 'channel'])
        .where('order_id', '=', order.id)
        .where('template', '=', 'order.new')
        .executeTakeFirst();
    await waitUntil(async () => (await notice())?.status === 'unreachable', 15_000, 'the notice stored unreachable');

    // The owner writes for the first time: the menu counts the waiting order, then the notice arrives.
    const first = numbered((await say('owner-new', '+6281234560001', 'halo')).at(-1));
    expect(first).toContain('Ada 1 pesanan menunggu jawaban');
    expect(first).toContain('1. Pesanan masuk (1)');
    await waitUntil(
      async () =>
        (await web.poll('owner-new', 0)).find((i) => i.message.text.includes(`Pesanan baru ${order.code}`)) ?? null,
      15_000,
      'the waiting notice delivered',
    );
    expect(await notice()).toEqual({ status: 'sent', channel: 'web' });
    // ...and "1" answers it.
    expect(numbered((await say('owner-new', '+6281234560001', '1')).at(-1))).toContain(
      `Pesanan ${order.code} diterima`,
    );
    expect((await core.orders.get(order.id))!.status).toBe('accepted');

    // Linked now: the shop is listed.
    expect(shopValues(await press('buyer', buyer.phone, 'shops')).sort()).toEqual(
      [`shop:${unlinked.id}`, `shop:${onWeb.id}`].sort(),
    );
  }, 60_000);

  it('a new-order notice whose order expired meanwhile is not sent when the owner links', async () => {
    const shop = await makeShop(t.db, { ownerPhone: '+6281234560011' });
    const beras = await makeProduct(t.db, shop.id, { name: 'beras', price: 65_000 });
    const buyer = await makeBuyer(t.db);
    const placed = await core.orders.place({
      buyerId: buyer.id,
      shopId: shop.id,
      items: [{ productId: beras.id, quantity: 1 }],
      fulfilment: 'pickup',
    });
    const notice = () =>
      t.db
        .selectFrom('notifications')
        .select(['status'])
        .where('order_id', '=', placed.id)
        .where('template', '=', 'order.new')
        .executeTakeFirstOrThrow();
    await waitUntil(
      async () =>
        (await t.db.selectFrom('notifications').select('status').where('order_id', '=', placed.id).executeTakeFirst())
          ?.status === 'unreachable',
      15_000,
      'unreachable',
    );
    await t.db.updateTable('orders').set({ status: 'expired' }).where('id', '=', placed.id).execute();
    await say('late-owner', '+6281234560011', 'halo');
    await new Promise((r) => setTimeout(r, 500));
    expect((await notice()).status).toBe('unreachable');
    expect((await web.poll('late-owner', 0)).some((i) => i.message.text.includes('Pesanan baru'))).toBe(false);
  }, 60_000);
});

describe('live channels when Redis does not answer', () => {
  it('counts any linked chat (an outage of ours hides no shop) and asks Redis at most once per TTL', async () => {
    const dead = createRedis('redis://127.0.0.1:1', 'producer');
    dead.on('error', () => {});
    let reads = 0;
    const live = createLiveChannels({ read: () => (reads++, liveChannels(dead, 't-reach-dead')), local: () => [] });
    try {
      expect(await live.get()).toBeNull();
      await live.get();
      expect(reads).toBe(1);
      const shop = await makeShop(t.db, { ownerPhone: '+6281234560021' });
      await upsertChatLink(t.db, {
        channel: 'whatsapp',
        chatId: '6281234560021@c.us',
        phone: '+6281234560021',
        role: 'shop',
        shopId: shop.id,
        at: new Date().toISOString(),
      });
      const unlinked = await makeShop(t.db, { ownerPhone: '+6281234560022' });
      const buyer = await makeBuyer(t.db);
      const listing = createListingService({
        db: t.db,
        clock: core.clock,
        settings: core.settings,
        liveChannels: () => live.get(),
      });
      const ids = (await listing.shopsFor(buyer.id, 0, 50)).items.map((s) => s.id);
      expect(ids).toContain(shop.id);
      expect(ids).not.toContain(unlinked.id);
    } finally {
      dead.disconnect();
    }
  });
});
