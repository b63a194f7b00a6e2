import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeBuyer, makeShop } from '../support/fixtures.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { buttonsOf, telegramWorld, type TelegramUser } from './support.js';

/**
 * What people (and Telegram) really send: stickers, voice notes, edits, group chatter, channel posts, huge
 * or empty texts. Through long polling, so that a crash would stop the bot for everyone after.
 */
let t: TestDb;
let world: Awaited<ReturnType<typeof telegramWorld>>;
beforeEach(async () => {
  t = await createTestDb();
  world = await telegramWorld(t.db, 'polling', t.dir);
});
afterEach(async () => {
  await world.close();
  await t.cleanup();
});

const BUYER = '+6281234700001';
const OWNER = '+6281234700002';

function expectHelpful(replies: Array<{ text: string }>) {
  expect(replies.length).toBeGreaterThanOrEqual(1);
  for (const r of replies) {
    expect(r.text.trim().length).toBeGreaterThan(0);
    expect(r.text.length).toBeLessThanOrEqual(4096);
    expect(r.text).not.toMatch(/\bat .+:\d+:\d+|TypeError|SqliteError|undefined|\[object Object\]/);
  }
}

async function linkedBuyer(): Promise<TelegramUser> {
  await makeBuyer(t.db, { phone: BUYER });
  const u = world.user(6001);
  await u.contact(BUYER);
  return u;
}

/** The bot still does its job: a menu word gets the menu with its buttons. */
async function expectStillWorking(u: TelegramUser) {
  const menu = await u.text('menu');
  expectHelpful(menu);
  expect(buttonsOf(menu.at(-1)).length).toBeGreaterThan(1);
}

describe('unexpected updates', () => {
  it('answers stickers, voice, video, location and documents politely, linked or not', async () => {
    const stranger = world.user(6009);
    const buyer = await linkedBuyer();
    const kinds = [
      {
        sticker: {
          file_id: 's',
          file_unique_id: 'su',
          type: 'regular',
          width: 1,
          height: 1,
          is_animated: false,
          is_video: false,
          emoji: '😀',
        },
      },
      { voice: { file_id: 'v', file_unique_id: 'vu', duration: 3 } },
      { video: { file_id: 'vd', file_unique_id: 'vdu', width: 1, height: 1, duration: 1 } },
      { location: { latitude: -7.25, longitude: 112.75 } },
      { document: { file_id: 'd', file_unique_id: 'du', file_name: 'a.pdf' } },
      { dice: { emoji: '🎲', value: 3 } },
    ];
    for (const fields of kinds) {
      const toBuyer = await buyer.run(buyer.message(fields));
      expectHelpful(toBuyer);
      expect(toBuyer[0]!.text).toContain('hanya bisa membaca');
      // An unlinked chat is asked for its number again, with the button.
      const toStranger = await stranger.run(stranger.message(fields));
      expectHelpful(toStranger);
      expect(stranger.last()!.params.reply_markup).toMatchObject({ keyboard: [[{ request_contact: true }]] });
    }
    await expectStillWorking(buyer);
  });

  it('answers odd texts with a helpful reply and keeps working: empty, 5,000 characters, emoji only, SQL-looking', async () => {
    const buyer = await linkedBuyer();
    const ordersBefore = await t.db.selectFrom('orders').select('id').execute();
    for (const text of [
      '',
      '   ',
      'x'.repeat(5000),
      '🙏🙏🙏',
      '👍',
      "'; DROP TABLE orders; --",
      '1 OR 1=1',
      '<script>alert(1)</script>',
      '\u0000\u202e',
      '99999999999999999999',
    ]) {
      expectHelpful(await buyer.text(text));
    }
    expect(await t.db.selectFrom('orders').select('id').execute()).toEqual(ordersBefore);
    expect((await t.db.selectFrom('buyers').select('id').execute()).length).toBe(1);
    await expectStillWorking(buyer);
  });

  it('tells an edited message to send a new one, in the app language, without changing the conversation', async () => {
    const buyer = await linkedBuyer();
    const state = async () =>
      (await t.db.selectFrom('conversations').select('state').where('chat_id', '=', buyer.chatId).executeTakeFirst())
        ?.state;
    const before = await state();
    const edited = (lang: string) => ({
      edited_message: {
        message_id: 1,
        date: 0,
        edit_date: 1,
        chat: buyer.chat,
        from: { ...buyer.from, language_code: lang },
        text: '2',
      },
    });
    const id = await buyer.run(edited('id'));
    expect(id.map((r) => r.text)).toEqual(['Pesan yang diubah tidak saya baca. Silakan kirim pesan baru.']);
    const en = await buyer.run(edited('en-GB'));
    expect(en.map((r) => r.text)).toEqual(['I do not read edited messages. Please send a new message.']);
    expect(await state()).toBe(before);
    await expectStillWorking(buyer);
  });

  it('ignores group chatter and channel posts, answers one line when addressed in a group, and keeps working', async () => {
    const buyer = await linkedBuyer();
    const group = { id: -100123, type: 'supergroup', title: 'Warga RT 5' };
    const sentBefore = world.api.sent().length;
    await world.transport.deliver({
      message: { message_id: 1, date: 0, chat: group, from: buyer.from, text: 'beras 5kg 65rb' },
    });
    await world.transport.deliver({
      message: {
        message_id: 2,
        date: 0,
        chat: { id: -100123, type: 'group', title: 'RT' },
        from: buyer.from,
        text: '1',
      },
    });
    await world.transport.deliver({
      channel_post: { message_id: 3, date: 0, chat: { id: -100999, type: 'channel', title: 'Info' }, text: 'menu' },
    });
    await world.transport.deliver({
      edited_channel_post: {
        message_id: 3,
        date: 0,
        edit_date: 1,
        chat: { id: -100999, type: 'channel', title: 'Info' },
        text: 'x',
      },
    });
    await world.transport.deliver({
      callback_query: {
        id: 'g',
        from: buyer.from,
        chat_instance: 'c',
        data: 'shops',
        message: { message_id: 4, date: 0, chat: group },
      },
    });
    expect(world.api.sent().length).toBe(sentBefore);
    // Spoken to directly in a group: one polite line, in the group.
    await world.transport.deliver({
      message: {
        message_id: 5,
        date: 0,
        chat: group,
        from: buyer.from,
        text: '/start@peken_test_bot',
        entities: [{ type: 'bot_command', offset: 0, length: 21 }],
      },
    });
    const inGroup = world.api.sent().slice(sentBefore);
    expect(inGroup).toEqual([
      expect.objectContaining({ chatId: '-100123', text: expect.stringContaining('chat pribadi') }),
    ]);
    // Nothing of the group reached the engine.
    expect(await t.db.selectFrom('conversations').select('chat_id').where('chat_id', 'like', '-%').execute()).toEqual(
      [],
    );
    await expectStillWorking(buyer);
  });

  it('answers a button press without data and stops its spinner', async () => {
    const buyer = await linkedBuyer();
    const before = world.api.sent().length;
    await world.transport.deliver({
      callback_query: {
        id: 'nodata',
        from: buyer.from,
        chat_instance: 'c',
        game_short_name: 'x',
        message: { message_id: 4, date: 0, chat: buyer.chat },
      },
    });
    expect(
      world.api.calls.filter((c) => c.method === 'answerCallbackQuery' && c.params.callback_query_id === 'nodata'),
    ).toHaveLength(1);
    expect(world.api.sent().length).toBe(before);
    await expectStillWorking(buyer);
  });

  it("saves a shopkeeper's photo under DATA_DIR/media and reads its caption as a posting", async () => {
    await makeShop(t.db, { ownerPhone: OWNER });
    const owner = world.user(6002);
    await owner.contact(OWNER);
    world.api.putFile('big-photo', Buffer.from('jpeg-bytes-large'));
    const photo = [
      { file_id: 'small-photo', file_unique_id: 'a', width: 90, height: 90 },
      { file_id: 'big-photo', file_unique_id: 'b', width: 1280, height: 1280 },
    ];
    const before = world.api.calls.length;
    const replies = await owner.run(owner.message({ photo, caption: 'beras 5kg 65rb' }));
    expectHelpful(replies);
    expect(replies.at(-1)!.text).toContain('beras');
    expect(replies.at(-1)!.text).toContain('65.000');
    expect(world.api.calls.slice(before).find((c) => c.method === 'getFile')?.params.file_id).toBe('big-photo');
    const media = join(t.dir, 'media');
    const files = readdirSync(media);
    expect(files).toEqual([expect.stringMatching(/^tg-\d+\.jpg$/)]);
    expect(readFileSync(join(media, files[0]!), 'utf8')).toBe('jpeg-bytes-large');
  });

  it('answers a photo Telegram cannot hand over as unreadable, instead of failing', async () => {
    const buyer = await linkedBuyer();
    const replies = await buyer.run(
      buyer.message({ photo: [{ file_id: 'gone', file_unique_id: 'g', width: 1, height: 1 }] }),
    );
    expectHelpful(replies);
    expect(replies[0]!.text).toContain('hanya bisa membaca');
  });
});
