import { Bot, GrammyError, InputFile } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTelegramApi, type FakeTelegramApi } from '../support/fake-telegram-api.js';

/** The fake must behave like the Bot API where grammY looks, or every Telegram test proves nothing. */
describe('fake Telegram Bot API', () => {
  let api: FakeTelegramApi;
  beforeEach(async () => {
    api = await startFakeTelegramApi();
  });
  afterEach(async () => {
    await api.close();
  });

  const botOf = (token = api.token) => new Bot(token, { client: { apiRoot: api.url } });

  it('answers getMe and records a JSON sendMessage with its keyboard', async () => {
    const bot = botOf();
    await bot.init();
    expect(bot.botInfo.is_bot).toBe(true);
    const msg = await bot.api.sendMessage(42, 'halo', {
      reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] },
    });
    expect(msg.chat.id).toBe(42);
    expect(api.sent()).toEqual([expect.objectContaining({ chatId: '42', text: 'halo' })]);
    expect(api.sent()[0]!.params.reply_markup).toEqual({ inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] });
    expect(api.calls.map((c) => c.method)).toEqual(['getMe', 'sendMessage']);
  });

  it('refuses a wrong token with 401', async () => {
    const bot = botOf('999:wrong-token-wrong-token-xx');
    const error = await bot.api.getMe().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect((error as GrammyError).error_code).toBe(401);
    expect(api.calls).toHaveLength(0);
  });

  it('lets a test inject a 429 with retry_after, and does not count it as sent', async () => {
    api.intercept((method) =>
      method === 'sendMessage'
        ? {
            ok: false,
            error_code: 429,
            description: 'Too Many Requests: retry after 7',
            parameters: { retry_after: 7 },
          }
        : undefined,
    );
    const error = await botOf()
      .api.sendMessage(1, 'x')
      .catch((e: unknown) => e);
    expect((error as GrammyError).error_code).toBe(429);
    expect((error as GrammyError).parameters.retry_after).toBe(7);
    expect(api.sent()).toHaveLength(0);
    api.intercept(null);
    await botOf().api.sendMessage(1, 'y');
    expect(api.sent().map((s) => s.text)).toEqual(['y']);
  });

  it('takes a multipart sendPhoto as grammY uploads it', async () => {
    await botOf().api.sendPhoto(5, new InputFile(Buffer.from([1, 2, 3]), 'p.jpg'), {
      caption: 'foto',
      reply_markup: { inline_keyboard: [[{ text: 'B', callback_data: 'b' }]] },
    });
    const [s] = api.sent();
    expect(s).toMatchObject({ chatId: '5', text: 'foto' });
    expect(s!.params.reply_markup).toEqual({ inline_keyboard: [[{ text: 'B', callback_data: 'b' }]] });
    expect(api.photos()).toMatchObject([{ chatId: '5', caption: 'foto' }]);
    expect([...api.photos()[0]!.bytes!]).toEqual([1, 2, 3]);
  });

  it('refuses a photo caption over 1024 characters, as Telegram does', async () => {
    await expect(
      botOf().api.sendPhoto(5, new InputFile(Buffer.from([1]), 'p.png'), { caption: 'x'.repeat(1025) }),
    ).rejects.toThrow(/caption is too long/);
    expect(api.photos()).toHaveLength(0);
  });

  it('serves a file through getFile and the file route', async () => {
    api.putFile('F1', Buffer.from('jpegbytes'));
    const file = await botOf().api.getFile('F1');
    const res = await fetch(`${api.url}/file/bot${api.token}/${file.file_path}`);
    expect(Buffer.from(await res.arrayBuffer()).toString()).toBe('jpegbytes');
    await expect(botOf().api.getFile('nope')).rejects.toThrow(/invalid file_id/);
  });

  it('long-polls: an update pushed while grammY waits reaches the bot at once, and each only once', async () => {
    const bot = botOf();
    const seen: number[] = [];
    bot.on('message:text', (ctx) => {
      seen.push(ctx.update.update_id);
    });
    const started = new Promise<void>((resolve) => void bot.start({ onStart: () => resolve(), timeout: 20 }));
    await started;
    const t0 = Date.now();
    const id1 = api.pushUpdate({
      message: {
        message_id: 1,
        date: 0,
        chat: { id: 7, type: 'private' },
        from: { id: 7, is_bot: false, first_name: 'A' },
        text: 'a',
      },
    });
    const id2 = api.pushUpdate({
      message: {
        message_id: 2,
        date: 0,
        chat: { id: 7, type: 'private' },
        from: { id: 7, is_bot: false, first_name: 'A' },
        text: 'b',
      },
    });
    await expect.poll(() => seen, { timeout: 5000, interval: 20 }).toEqual([id1, id2]);
    expect(Date.now() - t0).toBeLessThan(3000);
    await bot.stop();
    expect(seen).toEqual([id1, id2]);
  });
});
