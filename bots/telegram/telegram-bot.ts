import { autoRetry } from '@grammyjs/auto-retry';
import { Bot, type Api, type Context } from 'grammy';
import type { ConversationHandler, InboundContent, OutboundMessage } from '../flows/ports.js';
import { apiRootOf } from './api-root.js';
import type { TelegramLogger } from './telegram-logger.js';
import { downloadPhoto } from './photo-download.js';
import { renderOutbound } from './render-outbound.js';
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
}

/**
 * The grammY bot that answers people: each update is translated (update-translator.ts), handed to the
 * engine, and the replies sent in order. Replies go through the auto-retry plugin (a 429 on a reply is
 * waited out, briefly; the person is waiting for it). An error in one update is logged and never stops the
 * bot; the person gets an apology instead of silence.
 */
export function createTelegramBot(deps: TelegramBotDeps): Bot {
  const apiRoot = apiRootOf(deps.apiRoot);
  const bot = new Bot(deps.token, { client: { apiRoot } });
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }));
  const { logger } = deps;

  async function resolve(content: PendingContent, api: Api, messageId: string): Promise<InboundContent> {
    if (content.kind !== 'photo_file') return content;
    try {
      const path = await downloadPhoto({ api, token: deps.token, apiRoot, mediaDir: deps.mediaDir }, content.fileId, messageId);
      return { kind: 'photo', path, caption: content.caption };
    } catch (error) {
      logger.warn({ err: errText(error) }, 'telegram: could not download a photo');
      return { kind: 'unsupported', what: 'photo' };
    }
  }

  async function reply(api: Api, chatId: string, messages: readonly OutboundMessage[]): Promise<void> {
    for (const m of messages) {
      for (const part of renderOutbound(m)) {
        await api.sendMessage(chatId, part.text, part.replyMarkup ? { reply_markup: part.replyMarkup } : undefined);
      }
    }
  }

  async function perform(ctx: Context, t: Translation): Promise<void> {
    switch (t.kind) {
      case 'ignore':
        return;
      case 'notice':
        await ctx.api.sendMessage(t.chatId, noticeText(t.language, t.notice));
        return;
      case 'engine': {
        const content = await resolve(t.content, ctx.api, t.messageId);
        let replies: readonly OutboundMessage[];
        try {
          replies = await deps.handler.handle({ channel: 'telegram', chatId: t.chatId, messageId: t.messageId, content });
        } catch (error) {
          logger.error({ err: errText(error), kind: content.kind }, 'telegram: the conversation handler failed');
          replies = [{ text: catalogs.id.failure }];
        }
        await reply(ctx.api, t.chatId, replies);
        return;
      }
    }
  }

  const failed = (error: unknown, updateId: number) => logger.error({ err: errText(error), updateId }, 'telegram: update failed');

  bot.use(async (ctx) => {
    // The boundary is here rather than only in bot.catch, which grammY calls for polling but not for
    // handleUpdate (the webhook): a failed update must never turn into a crash or a 500 in either mode.
    try {
      const t = translateUpdate(ctx.update, ctx.me);
      if (t.callbackQueryId) {
        // Stops the spinner on the button at once; the answer itself comes as a message.
        await ctx.api.answerCallbackQuery(t.callbackQueryId).catch((error: unknown) => logger.warn({ err: errText(error) }, 'telegram: answerCallbackQuery failed'));
      }
      if (t.kind === 'ignore') logger.debug({ reason: t.reason, updateId: ctx.update.update_id }, 'telegram: update ignored');
      await perform(ctx, t);
    } catch (error) {
      failed(error, ctx.update.update_id);
    }
  });
  bot.catch((error) => failed(error.error, error.ctx.update.update_id));
  return bot;
}

function errText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
