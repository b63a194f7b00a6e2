import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTelegram, createTelegramChannel, type Telegram } from '../../bots/telegram/index.js';
import { createChat } from '../../src/app/chat.js';
import { createUpdateInbox } from '../../src/chat/update-inbox.js';
import { createCore, type Core } from '../../src/app/core.js';
import { silentLogger } from '../../src/shared/logger.js';
import { startFakeTelegramApi, type FakeTelegramApi } from '../support/fake-telegram-api.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { waitUntil } from '../support/processes.js';
import { pollingTransport, telegramUser, type TelegramUser } from './support.js';

/**
 * Replies to order notices over real HTTP: grammY long-polls the fake Bot API; the notify worker sends the
 * notices through the Telegram channel, which remembers each notice's message_id with its order.
 */
let api: FakeTelegramApi;
let core: Core;
let telegram: Telegram;
let dir: string;
let owner: TelegramUser;
let shopId: number;
let productId: number;
let ownerSeq = 0;

beforeAll(async () => {
  api = await startFakeTelegramApi();
  dir = mkdtempSync(join(tmpdir(), 'peken-tg-reply-'));
  core = await createCore({
    database: join(dir, 'peken.db'),
    redisUrl: inject('redisUrl'),
    queuePrefix: `t-tg-reply-${process.pid}-${Date.now()}`,
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
  core.startWorkers(chat.delivery, { channels: ['telegram'], broadcastChannels: { telegram: channel } });
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
  for (const q of [core?.queues.orders, core?.queues.notify, ...(core?.notifyQueues.all() ?? [])])
    await q?.obliterate({ force: true }).catch(() => {});
  await core?.close();
  await api?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A fresh shop whose owner linked on Telegram, with two orders waiting and both notices received. */
async function twoWaiting() {
  const phone = `+62812345${String(70_000 + ++ownerSeq).padStart(5, '0')}`;
  const shop = await makeShop(core.db, { ownerPhone: phone });
  shopId = shop.id;
  productId = (await makeProduct(core.db, shop.id, { name: 'beras', price: 65_000 })).id;
  owner = telegramUser(api, pollingTransport(api), 3000 + ownerSeq);
  await owner.contact(phone.slice(1));
  const place = async (quantity: number) => {
    const buyer = await makeBuyer(core.db);
    const o = await core.orders.place({
      buyerId: buyer.id,
      shopId,
      items: [{ productId, quantity }],
      fulfilment: 'pickup',
    });
    const placed = (await core.orders.get(o.id))!;
    await waitUntil(
      async () => owner.sentHere().find((s) => s.text.includes(`Pesanan baru ${placed.code}`)),
      15_000,
      'the notice',
    );
    return placed;
  };
  const a = await place(1);
  const b = await place(2);
  const noticeId = (code: string) => owner.sentHere().find((s) => s.text.includes(`Pesanan baru ${code}`))!.messageId!;
  const status = async (id: string) => (await core.orders.get(id))!.status;
  /** The owner's text as a Telegram reply to the bot's message `messageId`. */
  const replyTo = (messageId: number, text: string) =>
    owner.run(
      owner.message({
        text,
        reply_to_message: {
          message_id: messageId,
          date: 0,
          chat: owner.chat,
          from: { id: 123456789, is_bot: true, first_name: 'Peken Test' },
          text: '…',
        },
      }),
    );
  return { a, b, noticeId, status, replyTo };
}

const textOf = (sent: readonly { text: string }[]) => sent.map((s) => s.text).join('\n---\n');

describe('replies reach the right order on Telegram', () => {
  it('a reply "1" to the first notice accepts that order, not the last one; a bare "1" then accepts the other', async () => {
    const { a, b, noticeId, status, replyTo } = await twoWaiting();
    const r = textOf(await replyTo(noticeId(a.code), '1'));
    expect(r).toContain(`Pesanan ${a.code} diterima`);
    expect(await status(a.id)).toBe('accepted');
    expect(await status(b.id)).toBe('reserved');
    expect(textOf(await owner.text('1'))).toContain(`Pesanan ${b.code} diterima`);
    expect(await status(b.id)).toBe('accepted');
  }, 60_000);

  it('a bare "1" with two orders waiting asks which one; the numbered pick accepts that one', async () => {
    const { a, b, status } = await twoWaiting();
    const ask = textOf(await owner.text('1'));
    expect(ask).toContain('Ada 2 pesanan yang menunggu jawaban');
    expect(ask).toMatch(new RegExp(`1\\. ${a.code} · ASN · Rp\\s65\\.000`));
    expect(ask).toMatch(new RegExp(`2\\. ${b.code} · ASN · Rp\\s130\\.000`));
    expect([await status(a.id), await status(b.id)]).toEqual(['reserved', 'reserved']);
    expect(textOf(await owner.text('1'))).toContain(`Pesanan ${a.code} diterima`);
    expect([await status(a.id), await status(b.id)]).toEqual(['accepted', 'reserved']);
  }, 60_000);
});
