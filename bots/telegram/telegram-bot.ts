import { autoRetry } from '@grammyjs/auto-retry';
import { Bot, HttpError, type Api, type Context, type InputFile } from 'grammy';
import type { ConversationHandler, InboundContent, OutboundMessage } from '../../src/chat/ports.js';
import { apiRootOf } from './api-root.js';
import type { TelegramLogger } from './telegram-logger.js';
import { downloadPhoto, PhotoTooLargeError } from './photo-download.js';
import type { InlineKeyboardMarkup, ReplyKeyboardMarkup, Update } from 'grammy/types';
import { sendToTelegram } from './telegram-send.js';
import { catalogs } from '../flows/texts/index.js';
import { noticeText } from './telegram-texts.js';
import { translateUpdate, type PendingContent, type Translation } from './update-translator.js';

/** Every update kind we act on; others are not even delivered. */
export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'channel_post'] as const;

export interface TelegramBotDeps {
  token: string;
  apiRoot?: string;
  handler: ConversationHandler;
  /** Where downloaded photos go (DATA_DIR/media). */
  mediaDir: string;
  logger: TelegramLogger;
  /**
   * Long polling: records an update id and says whether it is new, so that a repeated update of any kind
   * (an edit, a group mention) is answered once. The webhook stores its updates before handling them and
   * needs no check here (update-queue.ts).
   */
  firstSeen?: (updateId: number, chatKey: string) => Promise<boolean>;
  /** Aborts replies still waiting for Telegram (shutdown). */
  signal?: AbortSignal;
}

/**
 * How long one call to Telegram may take. grammY's default is 500 s, which let a Bot API that accepted the
 * connection and never answered hold start-up, a reply or a shutdown for minutes; long polling asks
 * Telegram to hold getUpdates for 30 s, so the limit stays above that.
 */
export const TELEGRAM_CALL_TIMEOUT_S = 45;

/** grammY types its signals with the abort-controller shim; Node's own AbortSignal is what it uses at run time. */
export type GrammySignal = Parameters<Api['getMe']>[0];

/** Waits between tries of a reply that could not reach Telegram: about a minute in all, then it is dropped. */
const REPLY_RETRY_MS = [1000, 2000, 4000, 8000, 16_000, 30_000];

/**
 * The grammY bot that answers people: each update is translated (update-translator.ts), handed to the
 * engine, and the replies sent in order. Replies go through the auto-retry plugin (a 429 on a reply is
 * waited out, briefly; the person is waiting for it). An error in one update is logged and never stops the
 * bot; the person gets an apology instead of silence.
 */
export function createTelegramBot(deps: TelegramBotDeps): Bot {
  const apiRoot = apiRootOf(deps.apiRoot);
  const bot = new Bot(deps.token, { client: { apiRoot, timeoutSeconds: TELEGRAM_CALL_TIMEOUT_S } });
  // Network errors are not retried by the plugin (it would retry them forever, which held start-up while
  // Telegram was unreachable); replies retry them a bounded number of times below.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30, rethrowHttpErrors: true }));
  const { logger } = deps;

  async function resolve(content: PendingContent, api: Api, messageId: string): Promise<InboundContent> {
    if (content.kind !== 'photo_file') return content;
    try {
      const path = await downloadPhoto(
        { api, token: deps.token, apiRoot, mediaDir: deps.mediaDir },
        content.fileId,
        messageId,
      );
      return { kind: 'photo', path, caption: content.caption };
    } catch (error) {
      if (error instanceof PhotoTooLargeError) return { kind: 'unsupported', what: 'photo_too_large' };
      logger.warn({ err: errText(error) }, 'telegram: could not download a photo');
      return { kind: 'unsupported', what: 'photo' };
    }
  }

  /** A reply that could not reach Telegram is tried again with a growing wait; the person is waiting for it. */
  async function retried<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        const wait = REPLY_RETRY_MS[attempt];
        if (!(error instanceof HttpError) || wait === undefined || deps.signal?.aborted) throw error;
        logger.warn(
          { err: errText(error), attempt: attempt + 1 },
          'telegram: a reply could not reach Telegram; trying again',
        );
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }

  async function reply(api: Api, chatId: string, messages: readonly OutboundMessage[]): Promise<void> {
    const signal = deps.signal as GrammySignal;
    const sender = {
      text: async (text: string, markup?: InlineKeyboardMarkup | ReplyKeyboardMarkup) =>
        (await retried(() => api.sendMessage(chatId, text, markup ? { reply_markup: markup } : undefined, signal)))
          .message_id,
      photo: async (file: InputFile, caption?: string, markup?: InlineKeyboardMarkup | ReplyKeyboardMarkup) =>
        (
          await retried(() =>
            api.sendPhoto(
              chatId,
              file,
              { ...(caption ? { caption } : {}), ...(markup ? { reply_markup: markup } : {}) },
              signal,
            ),
          )
        ).message_id,
      document: async (file: InputFile, caption?: string, markup?: InlineKeyboardMarkup | ReplyKeyboardMarkup) =>
        (
          await retried(() =>
            api.sendDocument(
              chatId,
              file,
              { ...(caption ? { caption } : {}), ...(markup ? { reply_markup: markup } : {}) },
              signal,
            ),
          )
        ).message_id,
    };
    for (const m of messages) await sendToTelegram(sender, m);
  }

  async function perform(ctx: Context, t: Translation): Promise<void> {
    switch (t.kind) {
      case 'ignore':
        return;
      case 'notice':
        await reply(ctx.api, t.chatId, [{ text: noticeText(t.language, t.notice) }]);
        return;
      case 'engine': {
        const content = await resolve(t.content, ctx.api, t.messageId);
        let replies: readonly OutboundMessage[];
        try {
          replies = await deps.handler.handle({
            channel: 'telegram',
            chatId: t.chatId,
            messageId: t.messageId,
            ...(t.replyTo ? { replyTo: t.replyTo } : {}),
            ...(t.startParam ? { startParam: t.startParam } : {}),
            content,
          });
        } catch (error) {
          logger.error({ err: errText(error), kind: content.kind }, 'telegram: the conversation handler failed');
          replies = [{ text: catalogs.id.failure }];
        }
        await reply(ctx.api, t.chatId, replies);
        return;
      }
    }
  }

  const failed = (error: unknown, updateId: number) =>
    logger.error({ err: errText(error), updateId }, 'telegram: update failed');

  bot.use(async (ctx) => {
    // The boundary is here rather than only in bot.catch, which grammY calls for polling but not for
    // handleUpdate (the webhook): a failed update must never turn into a crash or a 500 in either mode.
    try {
      if (deps.firstSeen && !(await deps.firstSeen(ctx.update.update_id, chatKeyOf(ctx.update)))) {
        logger.debug({ updateId: ctx.update.update_id }, 'telegram: repeated update ignored');
        return;
      }
      const t = translateUpdate(ctx.update, ctx.me);
      if (t.callbackQueryId) {
        // Stops the spinner on the button at once; the answer itself comes as a message.
        await ctx.api
          .answerCallbackQuery(t.callbackQueryId)
          .catch((error: unknown) => logger.warn({ err: errText(error) }, 'telegram: answerCallbackQuery failed'));
      }
      if (t.kind === 'ignore')
        logger.debug({ reason: t.reason, updateId: ctx.update.update_id }, 'telegram: update ignored');
      await perform(ctx, t);
    } catch (error) {
      failed(error, ctx.update.update_id);
    }
  });
  bot.catch((error) => failed(error.error, error.ctx.update.update_id));
  return bot;
}

/** The chat an update belongs to: updates of one chat are handled in order (update-queue.ts). */
export function chatKeyOf(update: Update): string {
  const chat =
    update.message?.chat ??
    update.edited_message?.chat ??
    update.callback_query?.message?.chat ??
    update.channel_post?.chat ??
    update.edited_channel_post?.chat;
  if (chat) return String(chat.id);
  if (update.callback_query) return String(update.callback_query.from.id);
  return `update:${update.update_id}`;
}

function errText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
