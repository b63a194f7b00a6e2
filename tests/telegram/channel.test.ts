import { createServer, type AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramBot, createTelegramChannel, TelegramSendError } from '../../bots/telegram/index.js';
import { isPermanentSendError, retryAfterSeconds, sendOutcomeUnknown } from '../../src/jobs/send-outcome.js';
import { silentLogger } from '../../src/shared/logger.js';
import { startFakeTelegramApi, type FakeTelegramApi, type FakeReply } from '../support/fake-telegram-api.js';
import { freePort } from '../support/processes.js';
import { pollingTransport, telegramUser } from './support.js';

let api: FakeTelegramApi;
beforeEach(async () => {
  api = await startFakeTelegramApi();
});
afterEach(async () => {
  await api.close();
});

const failWith = (reply: FakeReply) => api.intercept((method) => (method === 'sendMessage' ? reply : undefined));
const sendError = async (chatId = '42') => {
  const channel = createTelegramChannel({ token: api.token, apiRoot: api.url });
  return channel.send(chatId, { text: 'Pesanan baru' }, { category: 'order_update' }).then(
    () => null,
    (e: unknown) => e as TelegramSendError,
  );
};

describe('TelegramChannel (proactive sends for the notify worker)', () => {
  it('sends numbered text with an inline keyboard of the option values', async () => {
    // A copied API root often ends in a slash, which grammY itself refuses.
    const channel = createTelegramChannel({ token: api.token, apiRoot: `${api.url}/` });
    await channel.send('42', {
      text: 'Pesanan baru PK-ABCDEF',
      options: [
        { label: 'Terima', value: 'acc:abcdefghij12' },
        { label: 'Tolak', value: 'rej:abcdefghij12' },
      ],
    });
    const [s] = api.sent();
    expect(s!.text).toBe('Pesanan baru PK-ABCDEF\n\n1. Terima\n2. Tolak');
    expect(s!.params.reply_markup).toEqual({
      inline_keyboard: [
        [{ text: '1. Terima', callback_data: 'acc:abcdefghij12' }],
        [{ text: '2. Tolak', callback_data: 'rej:abcdefghij12' }],
      ],
    });
  });

  it("maps 429 to rate_limited with Telegram's retry_after, and does not retry by itself", async () => {
    failWith({
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 7',
      parameters: { retry_after: 7 },
    });
    const error = await sendError();
    expect(error).toBeInstanceOf(TelegramSendError);
    expect(error).toMatchObject({ kind: 'rate_limited', retryAfterSec: 7 });
    expect(retryAfterSeconds(error)).toBe(7);
    expect(isPermanentSendError(error)).toBe(false);
    expect(api.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(1);
  });

  it('maps 403 (blocked by the user) to blocked, which the worker does not retry', async () => {
    failWith({ ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    const error = await sendError();
    expect(error).toMatchObject({ kind: 'blocked' });
    expect(isPermanentSendError(error)).toBe(true);
  });

  it('maps 400 chat not found to invalid_chat, which the worker does not retry', async () => {
    failWith({ ok: false, error_code: 400, description: 'Bad Request: chat not found' });
    const error = await sendError();
    expect(error).toMatchObject({ kind: 'invalid_chat' });
    expect(isPermanentSendError(error)).toBe(true);
    expect(error!.message).not.toContain('Pesanan baru');
  });

  it('refuses a chat id that is not a Telegram id without calling Telegram', async () => {
    const error = await sendError('+6281234567890');
    expect(error).toMatchObject({ kind: 'invalid_chat' });
    expect(api.calls).toHaveLength(0);
  });

  it('maps 5xx and an unreachable server to transient (retried later), another 400 to rejected (not retried), and 401 to transient', async () => {
    failWith({ ok: false, error_code: 502, description: 'Bad Gateway' });
    expect(await sendError()).toMatchObject({ kind: 'transient' });
    failWith({ ok: false, error_code: 400, description: 'Bad Request: message is too long' });
    const rejected = await sendError();
    expect(rejected).toMatchObject({ kind: 'rejected' });
    expect(retryAfterSeconds(rejected)).toBeNull();
    expect(isPermanentSendError(rejected)).toBe(true);
    // A revoked or mistyped token: every notice must still be waiting when the operator fixes it.
    failWith({ ok: false, error_code: 401, description: 'Unauthorized' });
    const unauthorized = await sendError();
    expect(unauthorized).toMatchObject({ kind: 'transient' });
    expect(isPermanentSendError(unauthorized)).toBe(false);
    const nowhere = createTelegramChannel({ token: api.token, apiRoot: `http://127.0.0.1:${await freePort()}` });
    const error = await nowhere.send('42', { text: 'x' }).catch((e: unknown) => e);
    // Refused before anything left: certainly not delivered.
    expect(error).toMatchObject({ kind: 'transient', outcomeUnknown: false });
    expect(isPermanentSendError(error)).toBe(false);
    expect(sendOutcomeUnknown(error)).toBe(false);
    // A connection that breaks after the request went out: nobody can know whether it was delivered.
    const dropper = createServer((socket) => socket.once('data', () => socket.destroy()));
    await new Promise<void>((r) => dropper.listen(0, '127.0.0.1', () => r()));
    try {
      const broken = createTelegramChannel({
        token: api.token,
        apiRoot: `http://127.0.0.1:${(dropper.address() as AddressInfo).port}`,
      });
      const lost = await broken.send('42', { text: 'x' }).catch((e: unknown) => e);
      expect(lost).toMatchObject({ kind: 'transient', outcomeUnknown: true });
      expect(sendOutcomeUnknown(lost)).toBe(true);
    } finally {
      await new Promise<void>((r) => dropper.close(() => r()));
    }
  });
});

describe('replies to people', () => {
  it('wait out a 429 with auto-retry, so the reply still arrives', async () => {
    let refused = 0;
    api.intercept((method) => {
      if (method !== 'sendMessage' || refused > 0) return undefined;
      refused += 1;
      return {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 1',
        parameters: { retry_after: 1 },
      };
    });
    const bot = createTelegramBot({
      token: api.token,
      apiRoot: api.url,
      handler: { handle: async () => [{ text: 'halo kembali' }] },
      mediaDir: '/nonexistent',
      logger: silentLogger(),
    });
    const polling = bot.start({ timeout: 1 });
    const user = telegramUser(api, pollingTransport(api), 77);
    const t0 = Date.now();
    const replies = await user.text('halo');
    expect(replies.map((r) => r.text)).toEqual(['halo kembali']);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(api.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(2);
    await bot.stop();
    await polling;
  });

  it('apologise when the engine throws, and the bot keeps answering', async () => {
    let calls = 0;
    const bot = createTelegramBot({
      token: api.token,
      apiRoot: api.url,
      mediaDir: '/nonexistent',
      logger: silentLogger(),
      handler: {
        handle: async () => {
          calls += 1;
          if (calls === 1) throw new Error('database is locked');
          return [{ text: 'baik' }];
        },
      },
    });
    const polling = bot.start({ timeout: 1 });
    const user = telegramUser(api, pollingTransport(api), 78);
    expect((await user.text('a')).map((r) => r.text)).toEqual(['Maaf, ada gangguan. Silakan coba lagi sebentar lagi.']);
    expect((await user.text('b')).map((r) => r.text)).toEqual(['baik']);
    await bot.stop();
    await polling;
  });

  it('survive a reply Telegram refuses (the person blocked the bot) and go on with the next update', async () => {
    const bot = createTelegramBot({
      token: api.token,
      apiRoot: api.url,
      mediaDir: '/nonexistent',
      logger: silentLogger(),
      handler: { handle: async () => [{ text: 'ok' }] },
    });
    const polling = bot.start({ timeout: 1 });
    api.intercept((method, params) =>
      method === 'sendMessage' && String(params.chat_id) === '80'
        ? { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' }
        : undefined,
    );
    const transport = pollingTransport(api);
    expect(await telegramUser(api, transport, 80).text('a')).toEqual([]);
    expect((await telegramUser(api, transport, 81).text('b')).map((r) => r.text)).toEqual(['ok']);
    await bot.stop();
    await polling;
  });
});
