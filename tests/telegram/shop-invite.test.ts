import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createUpdateInbox } from '../../src/chat/update-inbox.js';
import { createTelegram, createTelegramChannel, type Telegram } from '../../bots/telegram/index.js';
import { createChat } from '../../src/app/chat.js';
import { createCore, type Core } from '../../src/app/core.js';
import { createListingService } from '../../src/shops/listing.service.js';
import { createShopInviteService } from '../../src/shops/shop-invite.service.js';
import { silentLogger } from '../../src/shared/logger.js';
import { startFakeTelegramApi, type FakeTelegramApi } from '../support/fake-telegram-api.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { waitUntil } from '../support/processes.js';
import { pollingTransport, telegramUser } from './support.js';

/**
 * A shop's invitation over Telegram (issue 14): grammY long-polls the fake Bot API; behind it the real
 * engine, SQLite file, BullMQ on Redis and the notify worker sending through the Telegram channel.
 */
let api: FakeTelegramApi;
let core: Core;
let telegram: Telegram;
let dir: string;

const OWNER = '+6281234566601';
const BUYER = '+6281234566602';

beforeAll(async () => {
  api = await startFakeTelegramApi();
  dir = mkdtempSync(join(tmpdir(), 'peken-tg-invite-'));
  core = await createCore({
    database: join(dir, 'peken.db'),
    redisUrl: inject('redisUrl'),
    queuePrefix: `t-tg-invite-${process.pid}-${Date.now()}`,
    workerConcurrency: 4,
    workerLockMs: 5000,
    sweepIntervalMs: 60_000,
    outboxIntervalMs: 50,
    telegramRatePerSecond: 50,
    logger: silentLogger(),
    workers: true,
  });
  const channel = createTelegramChannel({ token: api.token, apiRoot: api.url });
  const chat = createChat(core, { telegram: channel });
  core.startWorkers(chat.delivery, { broadcastChannels: { telegram: channel } });
  telegram = createTelegram({
    token: api.token,
    apiRoot: api.url,
    handler: chat.engine,
    dataDir: dir,
    logger: silentLogger(),
    inbox: createUpdateInbox({ db: core.db, clock: core.clock, channel: 'telegram' }),
  });
  await telegram.start();
  await waitUntil(async () => core.producer.status === 'ready', 5000, 'Redis ready');
});

afterAll(async () => {
  await telegram?.stop();
  for (const q of core ? [core.queues.orders, core.queues.notify, ...core.notifyQueues.all()] : [])
    await q.obliterate({ force: true }).catch(() => {});
  await core?.close();
  await api?.close();
  rmSync(dir, { recursive: true, force: true });
});

const keyboardOf = (params: Record<string, unknown>) =>
  params.reply_markup as { keyboard?: Array<Array<{ request_contact?: boolean }>> } | undefined;

describe('a shop invitation over Telegram', () => {
  it('/start <param> by the owner, then the owner shares their contact: the shop is listed and its waiting order arrives; a wrong phone and a forged param link nothing', async () => {
    const shop = await makeShop(core.db, { ownerPhone: OWNER });
    const beras = await makeProduct(core.db, shop.id, { name: 'beras', price: 65_000 });
    const buyer = await makeBuyer(core.db, { phone: BUYER });
    const listing = createListingService({
      db: core.db,
      clock: core.clock,
      settings: core.settings,
      liveChannels: () => core.liveChannels(),
    });
    const invites = createShopInviteService({
      db: core.db,
      clock: core.clock,
      liveChannels: () => core.liveChannels(),
    });
    const listed = async () => (await listing.shopsFor(buyer.id, 0, 50)).items.map((s) => s.id);
    await waitUntil(
      async () => (await core.liveChannels())?.has('telegram') ?? false,
      10_000,
      'the Telegram channel marked alive',
    );

    // Nobody answers for the shop: not listed, on the admins' invitation list.
    expect(await listed()).not.toContain(shop.id);
    const [invitation] = await invites.unreachable({ shopId: shop.id });
    expect(invitation?.param).toMatch(/^toko_[a-z2-7]{16}$/);
    const param = invitation!.param;

    // An order that reached it anyway waits, stored unreachable.
    const placed = await core.orders.place({
      buyerId: buyer.id,
      shopId: shop.id,
      items: [{ productId: beras.id, quantity: 1 }],
      fulfilment: 'pickup',
    });
    const order = (await core.orders.get(placed.id))!;
    const notice = () =>
      core.db
        .selectFrom('notifications')
        .select(['status', 'channel'])
        .where('order_id', '=', order.id)
        .where('template', '=', 'order.new')
        .executeTakeFirst();
    await waitUntil(async () => (await notice())?.status === 'unreachable', 15_000, 'the notice stored unreachable');

    const transport = pollingTransport(api);
    const linksOf = (chatId: string) =>
      core.db
        .selectFrom('chat_links')
        .selectAll()
        .where('channel', '=', 'telegram')
        .where('chat_id', '=', chatId)
        .execute();

    // A forged parameter (the right shape, no shop's code) links nothing and asks for no number.
    const forger = telegramUser(api, transport, 4005);
    const [forged] = await forger.text('/start toko_abcdefghijklmnop');
    expect(forged!.text).toContain('kode undangan ini tidak berlaku');
    expect(keyboardOf(forged!.params)?.keyboard).toBeUndefined();
    expect(await linksOf(forger.chatId)).toEqual([]);

    // The right link from a phone that is not the shop's: greeted by the shop's name, then a kind refusal.
    const stranger = telegramUser(api, transport, 4004);
    const [welcome] = await stranger.text(`/start ${param}`);
    expect(welcome!.text).toContain(`Selamat datang, ${shop.name}`);
    expect(keyboardOf(welcome!.params)?.keyboard?.[0]?.[0]?.request_contact).toBe(true);
    // The stranger's number is even on the roster (the buyer's): still not the shop's contact.
    const refused = await stranger.contact(BUYER.slice(1));
    expect(refused.at(-1)!.text).toContain(`nomor ${BUYER} tidak tercatat sebagai pemilik atau pembantu ${shop.name}`);
    expect(refused.at(-1)!.text).toContain('Dinas Koperasi');
    expect(await linksOf(stranger.chatId)).toEqual([]);
    expect(await listed()).not.toContain(shop.id);

    // The owner's own account: /start <param>, then their own contact card (someone else's is refused first).
    const owner = telegramUser(api, transport, 4003);
    const [hello] = await owner.text(`/start ${param}`);
    expect(hello!.text).toContain(shop.name);
    const notOwn = await owner.contact(OWNER.slice(1), 9999);
    expect(notOwn.at(-1)!.text).toContain('bukan kontak orang lain');
    expect(await linksOf(owner.chatId)).toEqual([]);
    const linked = await owner.contact(OWNER.slice(1));
    // The waiting notice may already follow the greeting (it is queued at the moment of linking).
    const greeting = linked.find((s) => s.text.includes('tersambung dengan'))?.text ?? '';
    expect(greeting).toContain(`tersambung dengan ${shop.name}`);
    expect(greeting).toContain('Pesanan masuk (1)');
    expect(await linksOf(owner.chatId)).toMatchObject([{ phone: OWNER, role: 'shop', shop_id: shop.id }]);

    // Reachable now: listed for buyers, off the invitation list, and the waiting order's notice arrives.
    expect(await listed()).toContain(shop.id);
    expect(await invites.unreachable({ shopId: shop.id })).toEqual([]);
    await waitUntil(
      async () => owner.sentHere().find((s) => s.text.includes(`Pesanan baru ${order.code}`)) ?? null,
      15_000,
      'the waiting notice delivered',
    );
    expect(await notice()).toEqual({ status: 'sent', channel: 'telegram' });
  }, 60_000);
});
