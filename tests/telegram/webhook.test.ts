import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServices } from '../../src/app/services.js';
import { createAdminApp } from '../../src/server/admin/index.js';
import { createHttpApp } from '../../src/server/http-app.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { button, SECRET, telegramWorld } from './support.js';

let t: TestDb;
let world: Awaited<ReturnType<typeof telegramWorld>>;
beforeEach(async () => {
  t = await createTestDb();
  world = await telegramWorld(t.db, 'webhook', t.dir);
});
afterEach(async () => {
  await world.close();
  await t.cleanup();
});

const update = (updateId: number, text: string) => ({
  update_id: updateId,
  message: {
    message_id: 1,
    date: 0,
    chat: { id: 3003, type: 'private' },
    from: { id: 3003, is_bot: false, first_name: 'X' },
    text,
  },
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  world.telegram.webhook!.request('/telegram/webhook', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

const effects = async () => ({
  sent: world.api.sent().length,
  processed: (
    await t.db
      .selectFrom('processed_messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n,
  conversations: (
    await t.db
      .selectFrom('conversations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n,
});

describe('Telegram webhook', () => {
  it('registers itself with Telegram with the secret and the update kinds it reads', async () => {
    const set = world.api.calls.find((c) => c.method === 'setWebhook');
    expect(set?.params).toMatchObject({ url: 'https://peken.example/telegram/webhook', secret_token: SECRET });
    expect(set?.params.allowed_updates).toEqual(
      expect.arrayContaining(['message', 'callback_query', 'edited_message']),
    );
    expect(world.telegram.mode).toBe('webhook');
  });

  it('refuses a missing, wrong, or almost-right secret with 401 and does nothing', async () => {
    const attempts: Array<Record<string, string>> = [
      {},
      { 'X-Telegram-Bot-Api-Secret-Token': 'wrong' },
      { 'X-Telegram-Bot-Api-Secret-Token': `${SECRET}x` },
      { 'X-Telegram-Bot-Api-Secret-Token': SECRET.slice(0, -1) },
      { 'X-Telegram-Bot-Api-Secret-Token': '' },
    ];
    for (const headers of attempts) {
      const res = await post(update(10, '/start'), headers);
      expect(res.status).toBe(401);
    }
    expect(await effects()).toEqual({ sent: 0, processed: 0, conversations: 0 });
    // The same update with the secret does reach the bot.
    const ok = await post(update(10, '/start'), { 'X-Telegram-Bot-Api-Secret-Token': SECRET });
    expect(ok.status).toBe(200);
    await world.telegram.idle();
    expect(world.api.sent()).toEqual([
      expect.objectContaining({ chatId: '3003', text: expect.stringContaining('Selamat datang') }),
    ]);
  });

  it('answers 400 to a body that is not an update, with no effect', async () => {
    for (const body of [{}, { update_id: 'x' }, [1, 2], 'hello']) {
      const res = await post(body, { 'X-Telegram-Bot-Api-Secret-Token': SECRET });
      expect(res.status).toBe(400);
    }
    expect(await effects()).toEqual({ sent: 0, processed: 0, conversations: 0 });
  });

  it('has one effect when Telegram delivers the same update twice: one reply, one order', async () => {
    // A listed shop: someone answers for it, or the cart refuses its goods before the order is placed.
    const shop = await makeShop(t.db, { linked: true });
    const p = await makeProduct(t.db, shop.id, { name: 'gula', price: 15_000 });
    const buyerRow = await makeBuyer(t.db, { phone: '+6281234577777' });
    const buyer = world.user(4004);
    await buyer.contact('+6281234577777');
    await buyer.press(`shop:${shop.id}`);
    await buyer.press(`prod:${p.id}`);
    await buyer.text('3');
    await buyer.press('checkout');
    await buyer.press('ful:pickup');
    const place = {
      update_id: 777_001,
      callback_query: {
        id: 'cq-place',
        from: buyer.from,
        chat_instance: 'ci',
        data: button(buyer.last(), 'place'),
        message: { message_id: 9, date: 0, chat: buyer.chat },
      },
    };
    const first = await buyer.run(place);
    const again = await buyer.run(place);
    expect(first).toHaveLength(1);
    expect(first[0]!.text).toMatch(/PK-[2-9A-Z]{6}/);
    expect(again).toEqual([]);
    const orders = await t.db
      .selectFrom('orders')
      .select(['id', 'total'])
      .where('buyer_id', '=', buyerRow.id)
      .execute();
    expect(orders).toEqual([{ id: expect.any(String), total: 45_000 }]);
  });

  it('answers a replayed edited_message, group mention or sticker once: every update kind is deduplicated by update_id', async () => {
    const secret = { 'X-Telegram-Bot-Api-Secret-Token': SECRET };
    const from = { id: 3004, is_bot: false, first_name: 'X' };
    const updates = [
      {
        update_id: 880_001,
        edited_message: { message_id: 1, date: 0, edit_date: 1, chat: { id: 3004, type: 'private' }, from, text: '2' },
      },
      {
        update_id: 880_002,
        message: {
          message_id: 2,
          date: 0,
          chat: { id: -100777, type: 'supergroup', title: 'RT' },
          from,
          text: '/start@peken_test_bot',
          entities: [{ type: 'bot_command', offset: 0, length: 21 }],
        },
      },
      {
        update_id: 880_003,
        message: {
          message_id: 3,
          date: 0,
          chat: { id: 3004, type: 'private' },
          from,
          sticker: {
            file_id: 's',
            file_unique_id: 's',
            type: 'regular',
            width: 1,
            height: 1,
            is_animated: false,
            is_video: false,
          },
        },
      },
    ];
    for (const u of updates) {
      for (let i = 0; i < 3; i++) expect((await post(u, secret)).status).toBe(200);
      await world.telegram.idle();
    }
    const sent = world.api.sent();
    expect(sent.filter((m) => m.chatId === '3004' && /diubah/.test(m.text))).toHaveLength(1);
    expect(sent.filter((m) => m.chatId === '-100777')).toHaveLength(1);
    expect(sent).toHaveLength(3);
  });

  it('works mounted on the HTTP app beside the admin app, as src/main.ts mounts it', async () => {
    const admin = createAdminApp({
      services: buildServices({ db: t.db, clock: world.w.clock }),
      sessionSecret: 'x'.repeat(40),
    });
    const app = createHttpApp({
      health: async () => ({ status: 'ok' }) as never,
      mounts: [
        { path: '/', app: world.telegram.webhook! },
        { path: '/', app: admin },
      ],
    });
    const send = (headers: Record<string, string>) =>
      app.request('/telegram/webhook', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(update(20, '/start')),
      });
    expect((await send({})).status).toBe(401);
    expect(world.api.sent()).toHaveLength(0);
    expect((await send({ 'X-Telegram-Bot-Api-Secret-Token': SECRET })).status).toBe(200);
    await world.telegram.idle();
    expect(world.api.sent()).toHaveLength(1);
  });
});
