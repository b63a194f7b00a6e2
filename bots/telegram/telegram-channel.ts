import { Api } from 'grammy';
import type { ChatChannel } from '../../src/chat/ports.js';
import { apiRootOf } from './api-root.js';
import { TELEGRAM_CALL_TIMEOUT_S } from './telegram-bot.js';
import { TelegramSendError, toSendError } from './telegram-send-error.js';
import { sendToTelegram } from './telegram-send.js';

export interface TelegramChannelDeps {
  /** An Api without the auto-retry plugin; built from the token when not given. */
  api?: Api;
  token?: string;
  apiRoot?: string;
}

const CHAT_ID = /^-?\d{1,20}$/;

/**
 * Telegram as the notify worker sees it, for proactive messages (a new order to the shop, the decision to
 * the buyer). Deliberately without auto-retry: a worker job must not sleep through a 429, it fails with
 * `retryAfterSec` and BullMQ retries it later, paced with everything else. Needs no polling or webhook, so a
 * worker process can send on its own.
 */
export function createTelegramChannel(deps: TelegramChannelDeps): ChatChannel {
  // A Bot API that never answers must fail the job (retried later), not hold it for grammY's default 500 s.
  const api =
    deps.api ??
    new Api(requireToken(deps.token), { apiRoot: apiRootOf(deps.apiRoot), timeoutSeconds: TELEGRAM_CALL_TIMEOUT_S });
  return {
    name: 'telegram',
    async send(chatId, message) {
      if (!CHAT_ID.test(chatId)) throw new TelegramSendError('invalid_chat', 'Telegram: a chat id is a number');
      let last: number | undefined;
      try {
        last = await sendToTelegram(
          {
            text: async (text, markup) =>
              (await api.sendMessage(chatId, text, markup ? { reply_markup: markup } : undefined)).message_id,
            photo: async (file, caption, markup) =>
              (
                await api.sendPhoto(chatId, file, {
                  ...(caption ? { caption } : {}),
                  ...(markup ? { reply_markup: markup } : {}),
                })
              ).message_id,
            document: async (file, caption, markup) =>
              (
                await api.sendDocument(chatId, file, {
                  ...(caption ? { caption } : {}),
                  ...(markup ? { reply_markup: markup } : {}),
                })
              ).message_id,
          },
          message,
        );
      } catch (error) {
        throw toSendError(error);
      }
      // The last part carries the question (and the buttons): a reply to it answers the notice's order.
      return last === undefined ? undefined : { messageId: String(last) };
    },
  };
}

function requireToken(token: string | undefined): string {
  if (!token) throw new Error('createTelegramChannel: give an api or a token');
  return token;
}
