import { createTelegram, type Telegram } from '../../bots/telegram/index.js';
import { createUpdateInbox } from '../../src/chat/update-inbox.js';
import { systemClock } from '../../src/shared/clock.js';
import type { Db } from '../../src/db/database.js';
import { silentLogger } from '../../src/shared/logger.js';
import { startFakeTelegramApi, type FakeTelegramApi } from '../support/fake-telegram-api.js';
import { flowWorld } from '../support/flow-fixtures.js';

/** How an update reaches the bot: long polling through the fake API, or a POST to the webhook. */
export interface Transport {
  /** Delivers the update; resolves once the bot has finished with it (all its replies sent). */
  deliver(update: Record<string, unknown>): Promise<number>;
}

/**
 * Polling: grammY handles a batch of updates in order and only then asks for the next offset, so a
 * getUpdates with an offset past the update proves the update was handled to the end.
 */
export function pollingTransport(api: FakeTelegramApi): Transport {
  return {
    async deliver(update) {
      const id = api.pushUpdate(update);
      const deadline = Date.now() + 15_000;
      while (!api.calls.some((c) => c.method === 'getUpdates' && Number(c.params.offset) > id)) {
        if (Date.now() > deadline) throw new Error(`update ${id} was not handled within 15 s`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return id;
    },
  };
}

let webhookUpdateId = 500_000;

/**
 * Webhook: the POST is answered once the update is stored; the update is handled after, so this waits
 * until nothing stored is left. The secret is sent the way Telegram does.
 */
export function webhookTransport(telegram: Telegram, secret: string): Transport {
  return {
    async deliver(update) {
      const id = typeof update.update_id === 'number' ? update.update_id : ++webhookUpdateId;
      const res = await telegram.webhook!.request('/telegram/webhook', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': secret },
        body: JSON.stringify({ ...update, update_id: id }),
      });
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
      await telegram.idle();
      return id;
    },
  };
}

export interface SentToChat {
  text: string;
  params: Record<string, unknown>;
}

let seq = 0;

/** One Telegram user in a private chat with the bot; each action returns what the bot sent to the chat. */
export function telegramUser(
  api: FakeTelegramApi,
  transport: Transport,
  id: number,
  opts: { languageCode?: string } = {},
) {
  const from = {
    id,
    is_bot: false,
    first_name: `User${id}`,
    ...(opts.languageCode ? { language_code: opts.languageCode } : {}),
  };
  const chat = { id, type: 'private', first_name: from.first_name };
  const sentHere = () => api.sent().filter((s) => s.chatId === String(id));

  async function run(update: Record<string, unknown>): Promise<SentToChat[]> {
    const before = sentHere().length;
    await transport.deliver(update);
    return sentHere()
      .slice(before)
      .map((s) => ({ text: s.text, params: s.params }));
  }
  const message = (fields: Record<string, unknown>) => ({
    message: { message_id: ++seq, date: Math.floor(Date.now() / 1000), chat, from, ...fields },
  });

  return {
    id,
    chatId: String(id),
    from,
    chat,
    sentHere,
    /** The last message the bot sent here. */
    last: () => sentHere().at(-1),
    run,
    message,
    text: (text: string) => run(message({ text })),
    /** A contact card; `userId` null is a card without a Telegram account (typed into the address book). */
    contact: (phone: string, userId: number | null = id) =>
      run(
        message({
          contact: {
            phone_number: phone,
            first_name: from.first_name,
            ...(userId === null ? {} : { user_id: userId }),
          },
        }),
      ),
    /** A button press with any callback data (real or forged). */
    press: (data: string) =>
      run({
        callback_query: {
          id: `cq-${++seq}`,
          from,
          chat_instance: `ci-${id}`,
          data,
          message: { message_id: ++seq, date: 0, chat },
        },
      }),
  };
}

export type TelegramUser = ReturnType<typeof telegramUser>;

/** The callback data of the inline buttons on a sent message. */
export function buttonsOf(sent: SentToChat | undefined): string[] {
  const markup = sent?.params.reply_markup as
    { inline_keyboard?: Array<Array<{ callback_data?: string }>> } | undefined;
  return (markup?.inline_keyboard ?? []).flat().map((b) => b.callback_data ?? '');
}

/** The one button whose callback data starts with `prefix`; fails loudly if there is none. */
export function button(sent: SentToChat | undefined, prefix: string): string {
  const found = buttonsOf(sent).find((d) => d.startsWith(prefix));
  if (!found)
    throw new Error(`no button ${prefix}… on "${sent?.text.slice(0, 80)}" (buttons: ${buttonsOf(sent).join(', ')})`);
  return found;
}

/** A webhook secret of the shape the config accepts. */
export const SECRET = 'test-secret-0123456789abcdef';

/**
 * The bot over the engine of a flow world (test SQLite, no Redis) against a fake Bot API, by webhook or by
 * polling. Both start the way src/main.ts does (setWebhook, or bot.start()).
 */
export async function telegramWorld(db: Db, mode: 'webhook' | 'polling', dataDir: string) {
  const api = await startFakeTelegramApi();
  const w = flowWorld(db);
  const telegram = createTelegram({
    token: api.token,
    apiRoot: api.url,
    handler: w.engine,
    dataDir,
    logger: silentLogger(),
    inbox: createUpdateInbox({ db, clock: systemClock, channel: 'telegram' }),
    ...(mode === 'webhook' ? { webhookUrl: 'https://peken.example/telegram/webhook', webhookSecret: SECRET } : {}),
  });
  await telegram.start();
  const transport = mode === 'webhook' ? webhookTransport(telegram, SECRET) : pollingTransport(api);
  return {
    api,
    w,
    telegram,
    transport,
    user: (id: number, opts?: { languageCode?: string }) => telegramUser(api, transport, id, opts),
    async close() {
      await telegram.stop();
      await api.close();
    },
  };
}
