import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createUpdateInbox } from '../../src/chat/update-inbox.js';
import { createTelegram, createTelegramChannel, type Telegram } from '../../bots/telegram/index.js';
import { createChat } from '../../src/app/chat.js';
import { createCore, type Core } from '../../src/app/core.js';
import { ledger } from '../../src/ledger/index.js';
import { silentLogger } from '../../src/shared/logger.js';
import { startFakeTelegramApi, type FakeTelegramApi } from '../support/fake-telegram-api.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { waitUntil } from '../support/processes.js';
import { button, buttonsOf, pollingTransport, telegramUser } from './support.js';

/**
 * The whole path over real HTTP: grammY, unchanged, long-polls a fake Bot API on loopback; behind it the
 * real engine, SQLite file, outbox, BullMQ on Redis, order and notify workers, and the Telegram channel
 * that the notify worker sends through.
 */
let api: FakeTelegramApi;
let core: Core;
let telegram: Telegram;
let dir: string;

const OWNER = '+6281234544444';
const BUYER = '+6281234555555';

beforeAll(async () => {
  api = await startFakeTelegramApi();
  dir = mkdtempSync(join(tmpdir(), 'peken-tg-e2e-'));
  core = await createCore({
    database: join(dir, 'peken.db'),
    redisUrl: inject('redisUrl'),
    queuePrefix: `t-tg-e2e-${process.pid}-${Date.now()}`,
    workerConcurrency: 4,
    workerLockMs: 5000,
    sweepIntervalMs: 60_000,
    outboxIntervalMs: 50,
    telegramRatePerSecond: 50,
    logger: silentLogger(),
    workers: true,
  });
  // As src/main.ts wires it: the notify side sends through a channel of its own (no auto-retry).
  const channel = createTelegramChannel({ token: api.token, apiRoot: api.url });
  const chat = createChat(core, { telegram: channel });
  // Telegram broadcasts from this process too, which marks the channel alive for the listing.
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
});

afterAll(async () => {
  await telegram?.stop();
  await core?.queues.orders.obliterate({ force: true }).catch(() => {});
  await core?.queues.notify.obliterate({ force: true }).catch(() => {});
  await core?.close();
  await api?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Telegram end to end', () => {
  it('a buyer links, browses and orders; the shop is notified and accepts; delivered and paid; the ledger commits', async () => {
    const shop = await makeShop(core.db, { ownerPhone: OWNER });
    const beras = await makeProduct(core.db, shop.id, { name: 'beras', price: 65_000 });
    await makeProduct(core.db, shop.id, { name: 'minyak', price: 34_000 });
    const buyerRow = await makeBuyer(core.db, { phone: BUYER });
    const transport = pollingTransport(api);
    const buyer = telegramUser(api, transport, 1001);
    const owner = telegramUser(api, transport, 2002);

    // Linking: a share-contact keyboard, then the person's own contact card (Telegram sends no "+").
    const [welcome] = await buyer.text('/start');
    expect(welcome!.params.reply_markup).toMatchObject({
      keyboard: [[{ request_contact: true, text: '📱 Bagikan nomor' }]],
      one_time_keyboard: true,
    });
    const linked = await buyer.contact(BUYER.slice(1));
    expect(linked.at(-1)!.text).toContain(buyerRow.name);
    await owner.contact(OWNER.slice(1));

    // Browsing by inline buttons, typing where a number is asked.
    const shops = await buyer.press(button(buyer.last(), 'shops'));
    expect(shops.at(-1)!.text).toContain(`1. ${shop.name}`);
    const products = await buyer.press(button(buyer.last(), `shop:${shop.id}`));
    expect(products.at(-1)!.text).toContain('beras');
    await buyer.press(`prod:${beras.id}`);
    const added = await buyer.text('2');
    expect(added.at(-1)!.text).toContain('2 × beras');
    await buyer.press(button(buyer.last(), 'cart'));
    await buyer.press(button(buyer.last(), 'checkout'));
    await buyer.press(button(buyer.last(), 'ful:delivery'));
    const confirm = await buyer.text('Jl. Melati 5, pagar hijau');
    expect(confirm.at(-1)!.text).toContain('Rp 130.000');
    const placed = await buyer.press(button(buyer.last(), 'place'));
    const code = /PK-[2-9A-Z]{6}/.exec(placed.at(-1)!.text)?.[0];
    expect(code).toBeDefined();
    const order = (await core.orders.getByCode(code!))!;
    expect(order).toMatchObject({ buyer_id: buyerRow.id, shop_id: shop.id, total: 130_000 });

    // The order worker reserves; the notify worker tells the shop through the Telegram channel.
    const notice = await waitUntil(
      async () => owner.sentHere().find((s) => s.text.includes(`Pesanan baru ${code}`)),
      15_000,
      'the new-order notice',
    );
    expect(buttonsOf(notice)).toEqual([`acc:${order.id}`, `rej:${order.id}`]);
    expect((await core.orders.get(order.id))!.status).toBe('reserved');

    const accepted = await owner.press(`acc:${order.id}`);
    expect(accepted.at(-1)!.text).toContain(`Pesanan ${code} diterima`);
    expect((await core.orders.get(order.id))!.status).toBe('accepted');
    await waitUntil(
      async () =>
        buyer
          .sentHere()
          .some((s) => s.text.includes(`Pesanan ${code} diterima`) && s.text.includes('Transfer BCA 123')),
      15_000,
      'the buyer told of acceptance',
    );

    await owner.press(button(owner.last(), `dlv:${order.id}`));
    expect((await core.orders.get(order.id))!.status).toBe('delivered');
    const ask = await waitUntil(
      async () => buyer.sentHere().find((s) => s.text.includes('Sudah Anda terima?')),
      15_000,
      'the buyer asked to confirm',
    );
    const thanks = await buyer.press(button(ask, `recv:${order.id}`));
    expect(thanks.at(-1)!.text).toContain('Terima kasih');
    const done = await owner.press(button(owner.last(), `paid:${order.id}`));
    expect(done.at(-1)!.text).toContain(`Pesanan ${code} selesai`);

    const final = (await core.orders.get(order.id))!;
    expect(final.status).toBe('completed');
    const commits = await core.db
      .selectFrom('ledger_entries')
      .select(['account', 'amount'])
      .where('order_id', '=', order.id)
      .where('kind', '=', 'commit')
      .execute();
    expect(commits.map((c) => [c.account, c.amount]).sort()).toEqual([
      [`buyer:${buyerRow.id}`, 130_000],
      [`shop:${shop.id}`, 130_000],
    ]);
    expect(await ledger.shopBalance(core.db, shop.id, final.period!)).toEqual({ held: 0, committed: 130_000 });
    const verify = await ledger.verify(core.db);
    expect(verify).toMatchObject({ ok: true, mismatches: [], brokenOrders: [] });

    // Every notice went through the notify queue and out over Telegram.
    const notes = () =>
      core.db
        .selectFrom('notifications')
        .select(['template', 'recipient_phone', 'status', 'channel'])
        .where('order_id', '=', order.id)
        .execute();
    await waitUntil(async () => (await notes()).every((n) => n.status !== 'queued'), 15_000, 'every notice handled');
    const all = await notes();
    expect(all.map((n) => n.template)).toEqual(
      expect.arrayContaining(['order.new', 'order.accepted', 'order.delivered', 'order.completed_shop']),
    );
    expect(all.filter((n) => n.status !== 'sent' || n.channel !== 'telegram')).toEqual([]);
    // Every button press got its spinner stopped.
    const pressed = api.calls.filter((c) => c.method === 'answerCallbackQuery').length;
    expect(pressed).toBeGreaterThanOrEqual(10);
  });
});
