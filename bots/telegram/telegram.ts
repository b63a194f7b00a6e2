import { join } from 'node:path';
import type { Hono } from 'hono';
import type { ChatChannel, ConversationHandler } from '../flows/ports.js';
import { ALLOWED_UPDATES, createTelegramBot } from './telegram-bot.js';
import { createTelegramChannel } from './telegram-channel.js';
import type { TelegramLogger } from './telegram-logger.js';
import { createTelegramWebhook } from './telegram-webhook.js';

export interface TelegramOptions {
  token: string;
  /** Bot API root (tests point it at a fake server); Telegram's own by default. */
  apiRoot?: string;
  /** Public HTTPS URL of /telegram/webhook; without it the bot long-polls. */
  webhookUrl?: string;
  /** Required with webhookUrl: Telegram sends it in X-Telegram-Bot-Api-Secret-Token. */
  webhookSecret?: string;
  handler: ConversationHandler;
  /** Photos go under DATA_DIR/media. */
  dataDir: string;
  logger: TelegramLogger;
}

export interface Telegram {
  /** For the notify delivery: proactive sends, no auto-retry (the worker retries). */
  channel: ChatChannel;
  /** Mount on the HTTP app in webhook mode; null when polling. */
  webhook: Hono<never> | null;
  mode: 'webhook' | 'polling';
  /** Webhook mode: registers the webhook with Telegram. Polling: starts polling (resolves once it runs). */
  start(): Promise<void>;
  /** Stops polling; a webhook stays registered so that Telegram keeps updates for the next start. */
  stop(): Promise<void>;
}

/** The whole Telegram side of a process that talks with people: bot, webhook or polling, and the channel. */
export function createTelegram(o: TelegramOptions): Telegram {
  if (o.webhookUrl && !o.webhookSecret) throw new Error('Telegram: a webhook needs a secret (TELEGRAM_WEBHOOK_SECRET)');
  const bot = createTelegramBot({ token: o.token, apiRoot: o.apiRoot, handler: o.handler, mediaDir: join(o.dataDir, 'media'), logger: o.logger });
  const channel = createTelegramChannel({ token: o.token, apiRoot: o.apiRoot });
  const webhookUrl = o.webhookUrl;
  const secret = o.webhookSecret;
  const { logger } = o;
  let polling: Promise<void> | null = null;

  if (webhookUrl && secret) {
    return {
      channel,
      webhook: createTelegramWebhook({ bot, secret, logger }),
      mode: 'webhook',
      async start() {
        await bot.init();
        await bot.api.setWebhook(webhookUrl, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] });
        logger.info({ username: bot.botInfo.username }, 'telegram: webhook set');
      },
      async stop() {},
    };
  }

  return {
    channel,
    webhook: null,
    mode: 'polling',
    async start() {
      await bot.init();
      await new Promise<void>((resolve, reject) => {
        let started = false;
        // bot.start() resolves only when polling stops; we resolve as soon as the first poll is under way.
        // It removes a webhook left from an earlier run before polling.
        polling = bot
          .start({
            allowed_updates: [...ALLOWED_UPDATES],
            onStart: () => {
              started = true;
              resolve();
            },
          })
          .catch((error: unknown) => {
            logger.error({ err: (error as Error).message }, 'telegram: polling stopped on an error');
            if (!started) reject(error as Error);
          });
      });
      logger.info({ username: bot.botInfo.username }, 'telegram: long polling');
    },
    async stop() {
      if (!polling) return;
      await bot.stop();
      await polling;
      polling = null;
    },
  };
}
