import { join } from 'node:path';
import { GrammyError } from 'grammy';
import type { Hono } from 'hono';
import type { ChatChannel, ConversationHandler } from '../../src/chat/ports.js';
import { ALLOWED_UPDATES, createTelegramBot, type GrammySignal } from './telegram-bot.js';
import { createTelegramChannel } from './telegram-channel.js';
import type { TelegramLogger } from './telegram-logger.js';
import { createTelegramWebhook } from './telegram-webhook.js';
import { createUpdateQueue, type UpdateInbox } from './update-queue.js';

export interface TelegramOptions {
  token: string;
  /** Bot API root (tests point it at a fake server); Telegram's own by default. */
  apiRoot?: string;
  /** Public HTTPS URL of /telegram/webhook; without it the bot long-polls. */
  webhookUrl?: string;
  /** Required with webhookUrl: Telegram sends it in X-Telegram-Bot-Api-Secret-Token. */
  webhookSecret?: string;
  handler: ConversationHandler;
  /** Where updates wait until handled (webhook) and which update ids were seen (both modes). */
  inbox: UpdateInbox;
  /** Photos go under DATA_DIR/media. */
  dataDir: string;
  logger: TelegramLogger;
  /** Waits between tries to reach Telegram at start: the first, doubling up to the last. */
  retryMs?: { first: number; max: number };
  /**
   * Polling mode: who of several processes polls (src/redis/exclusive.ts). Telegram allows one poller per bot
   * and answers a second with 409; with this lock the second process does not even try: it says so once and
   * waits, and takes over when the poller stops. Without it (one process), polling starts at once.
   */
  pollerLock?: PollerLock;
  /** How often a waiting process looks whether the poller is gone (default 5 s). */
  pollerWaitMs?: number;
}

/** The right to do something that only one process of a deployment may do (poll this bot). */
export interface PollerLock {
  /**
   * Takes the right when nobody has it, and keeps it until released; `onLost` is called if it is lost
   * meanwhile (Redis restarted, or this process stalled). When someone else has it: who (host:pid:…), if known.
   */
  take(onLost: () => void): Promise<{ release(): Promise<void> } | { heldBy: string | null }>;
}

export interface Telegram {
  /** For the notify delivery: proactive sends, no auto-retry (the worker retries). */
  channel: ChatChannel;
  /** Mount on the HTTP app in webhook mode; null when polling. */
  webhook: Hono<never> | null;
  mode: 'webhook' | 'polling';
  /**
   * Reaches Telegram in the background: webhook mode registers the webhook, polling mode starts polling.
   * While Telegram cannot be reached it logs why and what to do and tries again with a growing wait (1 s
   * doubling, at most 5 minutes). Resolves true once on, false when stopped first; never rejects, so that
   * nothing else waits for Telegram.
   */
  start(): Promise<boolean>;
  /** The bot's username once Telegram answered getMe (for shop invitation links); undefined before. */
  username(): string | undefined;
  /** Resolves when no stored update waits or runs (tests). */
  idle(): Promise<void>;
  /** Stops trying, stops polling, lets updates being handled finish; a webhook stays registered. */
  stop(): Promise<void>;
}

const DEFAULT_RETRY = { first: 1000, max: 5 * 60_000 };
/** Shutdown does not wait longer than this for Telegram to confirm the last polled offset. */
const STOP_POLLING_MS = 5000;
const POLLER_WAIT_MS = 5000;

/** The whole Telegram side of a process that talks with people: bot, webhook or polling, and the channel. */
export function createTelegram(o: TelegramOptions): Telegram {
  if (o.webhookUrl && !o.webhookSecret) throw new Error('Telegram: a webhook needs a secret (TELEGRAM_WEBHOOK_SECRET)');
  const webhookUrl = o.webhookUrl;
  const secret = o.webhookSecret;
  const mode = webhookUrl && secret ? 'webhook' : 'polling';
  const abort = new AbortController();
  const signal = abort.signal as GrammySignal;
  const bot = createTelegramBot({
    token: o.token,
    apiRoot: o.apiRoot,
    handler: o.handler,
    mediaDir: join(o.dataDir, 'media'),
    logger: o.logger,
    signal: abort.signal,
    // The webhook stores update ids before handling; polling records them as they come.
    firstSeen: mode === 'polling' ? (id, chatKey) => o.inbox.seen(id, chatKey) : undefined,
  });
  const channel = createTelegramChannel({ token: o.token, apiRoot: o.apiRoot });
  const { logger } = o;
  const retry = o.retryMs ?? DEFAULT_RETRY;
  const queue =
    mode === 'webhook' ? createUpdateQueue({ inbox: o.inbox, logger, handle: (u) => bot.handleUpdate(u) }) : null;
  let polling: Promise<void> | null = null;
  let startup: Promise<boolean> | null = null;
  let pollRight: { release(): Promise<void> } | null = null;

  /** Polling mode with a lock: waits (saying so once) until this process may poll. */
  async function waitForPollRight(): Promise<void> {
    if (mode !== 'polling' || !o.pollerLock || pollRight) return;
    let said = false;
    while (!abort.signal.aborted) {
      let got: Awaited<ReturnType<PollerLock['take']>>;
      try {
        got = await o.pollerLock.take(lostPollRight);
      } catch (error) {
        // Redis down at start: poll anyway; Telegram's 409 still stops a second poller, and says so.
        logger.warn({ err: errText(error) }, 'telegram: could not ask Redis who polls; polling without the lock');
        return;
      }
      if ('release' in got) {
        pollRight = got;
        if (said) logger.info({}, 'telegram: the other poller stopped; this process polls now');
        return;
      }
      if (!said)
        logger.warn(
          { holder: got.heldBy },
          'telegram: another process polls this bot (only one may poll; set TELEGRAM_WEBHOOK_URL to answer on every server); this one waits and takes over when it stops',
        );
      said = true;
      await sleep(o.pollerWaitMs ?? POLLER_WAIT_MS, abort.signal);
    }
  }

  function lostPollRight(): void {
    pollRight = null;
    if (abort.signal.aborted) return;
    logger.error(
      {},
      'telegram: lost the right to poll (Redis restarted, or this process stalled); polling stops here until it is free again',
    );
    const running = polling;
    void bot
      .stop()
      .catch(() => {})
      .then(() => running)
      .then(() => {
        polling = null;
        if (abort.signal.aborted) return;
        startup = null;
        void start();
      });
  }

  /** One try; throws what Telegram (or the network) said. */
  async function connect(): Promise<void> {
    // getMe ourselves rather than bot.init(), which retries network errors without end and so never says why.
    if (!bot.isInited()) bot.botInfo = await bot.api.getMe(signal);
    if (mode === 'webhook') {
      await bot.api.setWebhook(webhookUrl!, { secret_token: secret!, allowed_updates: [...ALLOWED_UPDATES] }, signal);
      logger.info({ username: bot.botInfo.username }, 'telegram: webhook set');
      return;
    }
    // bot.start() removes a webhook left by an earlier run, retrying without end: one plain try first.
    await bot.api.deleteWebhook({}, signal);
    await new Promise<void>((resolve, reject) => {
      let started = false;
      // bot.start() resolves only when polling stops; we resolve as soon as the first poll is under way.
      polling = bot
        .start({
          allowed_updates: [...ALLOWED_UPDATES],
          onStart: () => {
            started = true;
            resolve();
          },
        })
        .catch((error: unknown) => {
          polling = null;
          if (!started) return reject(error as Error);
          // grammY retries network errors while polling; it stops on a revoked token or a second poller.
          logger.error({ err: errText(error) }, `telegram: polling stopped: ${hint(error)}`);
          if (!abort.signal.aborted) {
            startup = null;
            void start();
          }
        });
    });
    logger.info({ username: bot.botInfo.username }, 'telegram: long polling');
  }

  function start(): Promise<boolean> {
    startup ??= (async () => {
      await waitForPollRight();
      for (let attempt = 0; !abort.signal.aborted; attempt++) {
        try {
          await connect();
          return true;
        } catch (error) {
          if (abort.signal.aborted) break;
          const wait = Math.min(retry.max, retry.first * 2 ** Math.min(attempt, 20));
          logger.error(
            { err: errText(error), attempt: attempt + 1, retryInS: Math.round(wait / 1000) },
            `Telegram unreachable: ${hint(error)}; trying again in ${Math.round(wait / 1000)} s; everything else runs on`,
          );
          await sleep(wait, abort.signal);
        }
      }
      return false;
    })();
    return startup;
  }

  return {
    channel,
    username: () => (bot.isInited() ? bot.botInfo.username : undefined),
    webhook: queue ? createTelegramWebhook({ inbox: o.inbox, queue, secret: secret!, logger }) : null,
    mode,
    start,
    idle: () => queue?.idle() ?? Promise.resolve(),
    async stop() {
      abort.abort();
      await startup;
      await queue?.stop();
      if (polling) {
        const p = polling;
        // grammY confirms the last offset with one more call, which a hanging API would hold.
        await Promise.race([bot.stop().then(() => p), sleep(STOP_POLLING_MS)]).catch(() => {});
        polling = null;
      }
      // After the last poll: the next process may take over at once.
      const right = pollRight;
      pollRight = null;
      await right?.release().catch(() => {});
    },
  };
}

/** What to do about a failure to reach Telegram, for the log. */
function hint(error: unknown): string {
  if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404))
    return 'Telegram refused TELEGRAM_BOT_TOKEN (check it with @BotFather)';
  if (error instanceof GrammyError && error.error_code === 409)
    return 'another process uses this bot (only one may poll; or a webhook is set elsewhere)';
  if (error instanceof GrammyError) return `Telegram answered ${error.error_code} ${error.description}`;
  return 'no answer from the Bot API (check the network, a proxy, or TELEGRAM_API_ROOT)';
}

function errText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
