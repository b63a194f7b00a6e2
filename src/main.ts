import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { createCore } from './app/core.js';
import { ConfigError, parseConfig } from './config/config.js';
import { postgresAnswers } from './db/pg-admin.js';
import { ensureRedis, RedisUnavailableError } from './redis/private-redis.js';
import { createHealthCheck } from './server/health.js';
import { createHttpApp } from './server/http-app.js';
import { createLogger } from './shared/logger.js';
import { DEMO_ADMINS, isDemoCity, seedDemoIfEmpty } from './demo/seed-demo.js';
import { loginCodeSender } from './app/login-code-sender.js';
import { loadSessionSecret } from './app/session-secret.js';
import { createAdminApp } from './server/admin/index.js';
import type { LoginCodeSender } from './admin/login.service.js';
import { createWebChatChannel } from './server/web-chat/web-chat-channel.js';
import { createIntakeGate } from './server/web-chat/intake-gate.js';
import { webChatIntake } from './server/web-chat/intake.js';
import { createChat, type Chat } from './app/chat.js';
import { createBroadcastQueues } from './jobs/queues.js';
import { createTelegram, createTelegramChannel } from '../bots/telegram/index.js';
import { watchWhatsAppStatus } from '../bots/whatsapp/index.js';
import { createWhatsApp, whatsappKeys, type WhatsAppPart } from './app/whatsapp.js';
import type { ChannelName } from './chat/ports.js';
import { createUpdateInbox } from './chat/update-inbox.js';
import { createChatLocks } from '../bots/flows/index.js';
import { createSharedStateRedis } from './redis/shared-state-redis.js';
import { createSharedChatLocks } from './redis/shared-chat-locks.js';
import { redisRateLimiters } from './redis/redis-rate-limiter.js';
import { exclusiveKeys, redisExclusive } from './redis/exclusive.js';
import { createRedisWebChatStore } from './server/web-chat/redis-web-chat-store.js';

type Role = 'all' | 'worker' | 'whatsapp';

function roleFrom(argv: readonly string[]): Role {
  const i = argv.indexOf('--role');
  const role = i >= 0 ? argv[i + 1] : 'all';
  if (role !== 'all' && role !== 'worker' && role !== 'whatsapp') {
    throw new ConfigError(`--role: expected all, worker or whatsapp, got ${role}`);
  }
  return role;
}

// What start-up has begun so far, undone in reverse when a later step fails: a private redis-server must
// not outlive a start that stopped at a missing Chromium.
const undoStartup: Array<() => Promise<void>> = [];

// A signal during start-up is kept and acted on once the parts exist (a graceful stop, not a kill).
let signalled: string | null = null;
let onSignal = (signal: string) => {
  signalled = signal;
};
process.on('SIGTERM', () => onSignal('SIGTERM'));
process.on('SIGINT', () => onSignal('SIGINT'));

/**
 * The composition root: reads the environment once, builds every part, and owns the shutdown order
 * (stop intake, let workers finish, close Redis and the database).
 */
async function main(): Promise<void> {
  const role = roleFrom(process.argv.slice(2));
  const config = parseConfig(process.env);
  const logger = createLogger({ level: config.logLevel });
  mkdirSync(config.dataDir, { recursive: true });
  if (config.databaseUrl && !(await postgresAnswers(config.databaseUrl))) {
    const u = new URL(config.databaseUrl);
    throw new ConfigError(
      `DATABASE_URL: no PostgreSQL answers at ${u.host}${u.pathname} (as ${u.username || 'the default user'}): start it, create the database, or correct the URL`,
    );
  }
  const redis = await ensureRedis({ url: config.redisUrl, dataDir: config.dataDir });
  undoStartup.push(() => redis.stop());
  if (redis.started)
    logger.info({ url: redis.url }, 'started a private redis-server (persistence on, files under DATA_DIR/redis)');

  // What several server processes must share lives in Redis (README: More than one machine): web chat
  // inboxes, per-chat locks, rate limits. Its own connection, apart from BullMQ's.
  const shared = createSharedStateRedis(redis.url);
  undoStartup.push(async () => shared.disconnect());

  // The server's secret keys sign-in codes (the login service) and the web chat's form tokens (the server).
  const sessionSecret =
    role === 'all' ? loadSessionSecret({ configured: config.sessionSecret, dataDir: config.dataDir }) : undefined;
  // Codes go out through the chat delivery, which needs the core: bound once the chat exists.
  let sendLoginCode: LoginCodeSender = async () => false;
  const core = await createCore({
    database: config.databaseUrl ?? config.databaseFile,
    redisUrl: redis.url,
    queuePrefix: config.queuePrefix,
    workerConcurrency: config.workerConcurrency,
    workerLockMs: config.workerLockMs,
    sweepIntervalMs: config.sweepIntervalMs,
    faultHoldDelayMs: config.faultHoldDelayMs,
    telegramRatePerSecond: config.telegram.ratePerSecond,
    whatsappIntervalMs: config.whatsapp.intervalMs,
    logger,
    workers: true,
    services: {
      login: { secret: sessionSecret, send: (phone, code) => sendLoginCode(phone, code), logger },
      newWebChatLimit: { max: config.webChatNewPerHour, windowMs: 3_600_000 },
      rateLimiters: redisRateLimiters({ redis: shared, prefix: config.queuePrefix, logger }),
    },
  });
  undoStartup.push(() => core.close());
  if (role === 'all' && config.demo) {
    const seeded = await seedDemoIfEmpty(core.db, { clock: core.clock });
    if (seeded) {
      logger.info(seeded, 'fresh database: demo city loaded (DEMO=0 to skip)');
      // A newcomer needs a way in: the demo admins sign in at /login with a code sent to their web chat; the
      // API gets one admin token, printed once.
      const { token } = await core.services.tokens.create({
        name: 'demo',
        role: 'admin',
        days: 30,
        actor: 'demo',
      });
      logger.info(
        `demo sign-in: at /login type the demo admin's phone (${DEMO_ADMINS.length} demo admins, listed under "Admin dasbor" at /chat and in the README); the code arrives in that web chat. API token (valid 30 days): ${token}`,
      );
    }
  }
  const tg = config.telegram;
  // Sending needs only the token: the main role sends notices and broadcasts, workers broadcasts.
  const telegramChannel = tg.token ? createTelegramChannel({ token: tg.token, apiRoot: tg.apiRoot }) : undefined;
  if (!tg.token) logger.info('Telegram off: set TELEGRAM_BOT_TOKEN');
  // The web chat's inboxes are in Redis, so that any server process can take a chat's notice and any other
  // hand it to the page; only the main role serves the page and takes web notices.
  const webChat =
    role === 'all'
      ? createWebChatChannel({ store: createRedisWebChatStore({ redis: shared, prefix: config.queuePrefix }) })
      : undefined;
  // WhatsApp runs inside `npm start` with WHATSAPP_ENABLED=1, or as its own process (`npm run whatsapp`).
  // The handler is late-bound: the engine needs the channel, the adapter needs the engine.
  const whatsapp: WhatsAppPart | null =
    role === 'whatsapp' || (role === 'all' && config.whatsapp.enabled)
      ? createWhatsApp({
          config,
          core,
          handler: { handle: (m) => chat.engine.handle(m) },
          // One gateway per number across the deployment: a second one refuses before opening the session.
          exclusive: redisExclusive({
            redis: shared,
            key: exclusiveKeys(config.queuePrefix).whatsappGateway(config.whatsapp.number ?? 'default'),
          }),
        })
      : null;
  if (whatsapp && !(await whatsapp.claim()))
    throw new ConfigError(
      `WhatsApp: another gateway already runs for ${config.whatsapp.number ?? 'this deployment'} on this Redis (QUEUE_PREFIX ${config.queuePrefix}); run one gateway per number (README: More than one machine)`,
    );
  // One chat at a time across every process on this Redis, not only in this one.
  const locks = createSharedChatLocks({
    redis: shared,
    prefix: config.queuePrefix,
    local: createChatLocks(),
    logger,
  });
  const chat: Chat =
    role === 'whatsapp'
      ? createChat(core, { whatsapp: whatsapp!.channel }, { locks })
      : createChat(core, { web: webChat, telegram: telegramChannel, whatsapp: whatsapp?.channel }, { locks });
  // Each process takes only the notices of the channels it has (src/notify/notify.jobs.ts); the gateway
  // leaves order jobs and chat-less notices to the other processes.
  const channels: ChannelName[] = [];
  if (webChat) channels.push('web');
  // Telegram notices only where the bot runs, as before. (A notice moves the chat to its question; the
  // per-chat locks that keep it from racing the person's own message are shared in Redis now, so a worker
  // could take them too.)
  if (telegramChannel && role === 'all') channels.push('telegram');
  if (whatsapp) channels.push('whatsapp');
  // Broadcasts too go out only from the process that holds the person's channel.
  const broadcastChannels =
    role === 'whatsapp'
      ? { whatsapp: whatsapp!.channel }
      : { web: webChat, telegram: telegramChannel, whatsapp: whatsapp?.channel };
  core.startWorkers(
    chat.delivery,
    role === 'whatsapp'
      ? { channels, orders: false, unrouted: false, broadcastChannels }
      : { channels, broadcastChannels },
  );
  // Only the main role talks with people (webhook or polling); `--role worker` only sends.
  const telegram =
    role === 'all' && tg.token
      ? createTelegram({
          token: tg.token,
          apiRoot: tg.apiRoot,
          webhookUrl: tg.webhookUrl,
          webhookSecret: tg.webhookSecret,
          handler: chat.engine,
          dataDir: config.dataDir,
          logger,
          inbox: createUpdateInbox({ db: core.db, clock: core.clock, channel: 'telegram' }),
          // Webhooks may run on every server; long polling on one only (README: More than one machine).
          pollerLock: redisExclusive({ redis: shared, key: exclusiveKeys(config.queuePrefix).telegramPoller }),
        })
      : null;
  const housekeeping = chat.startHousekeeping();

  // Bull Board shows the broadcast queues too (the workers own theirs; these only read).
  const broadcastQueues = createBroadcastQueues({ connection: core.producer, prefix: config.queuePrefix });

  let draining = false;
  let server: ReturnType<typeof serve> | null = null;
  // The dashboard and /healthz show the session: this process's own, or the one `npm run whatsapp` publishes.
  const waWatcher =
    role === 'all' && !whatsapp
      ? watchWhatsAppStatus({ redis: core.producer, key: whatsappKeys(config.queuePrefix).status })
      : null;
  const whatsappStatus = () => whatsapp?.status() ?? waWatcher?.current() ?? null;
  if (role === 'all' && webChat) {
    sendLoginCode = loginCodeSender(chat.delivery);
    const admin = createAdminApp({
      services: core.services,
      sessionSecret: sessionSecret!,
      queues: [
        core.queues.orders,
        core.queues.notify,
        ...core.notifyQueues.all(),
        broadcastQueues.telegram,
        broadcastQueues.whatsapp,
        broadcastQueues.web,
      ],
      whatsappStatus,
      // Open to anyone only where the people are synthetic: DEMO=1 on a real roster must not open it.
      demo: config.demo && (await isDemoCity(core.db)),
      webChat,
      chat: chat.engine,
      logger,
      mediaDir: join(config.dataDir, 'media'),
      // Invitation links: configured names first; the Telegram username from getMe once the bot is on.
      invites: { telegramUsername: () => tg.username ?? telegram?.username(), whatsappNumber: config.whatsapp.number },
      trustProxy: config.trustProxy,
    });
    const app = createHttpApp({
      health: createHealthCheck({
        db: core.db,
        sqlite: core.database.sqlite ?? undefined,
        redis: core.producer,
        whatsapp: whatsappStatus,
      }),
      isDraining: () => draining,
      // A web-chat flood waits in line here instead of holding the loop: /healthz and the dashboard stay quick.
      admission: webChatIntake(createIntakeGate()),
      mounts: [...(telegram?.webhook ? [{ path: '/', app: telegram.webhook }] : []), { path: '/', app: admin }],
    });
    server = serve({ fetch: app.fetch, port: config.port, hostname: config.host });
    logger.info(`peken listening on http://${config.host}:${config.port} (health: /healthz)`);
    if (telegram) {
      // After serve(): Telegram delivers to the webhook as soon as it is set. Not awaited: while Telegram
      // cannot be reached it retries in the background (and says why), and nothing else waits for it.
      void telegram.start().then((on) => {
        if (on)
          logger.info(
            telegram.mode === 'webhook'
              ? `Telegram on: webhook ${tg.webhookUrl}`
              : 'Telegram on: long polling (set TELEGRAM_WEBHOOK_URL for a webhook)',
          );
      });
    }
  } else {
    logger.info(role === 'whatsapp' ? 'peken WhatsApp gateway started' : 'peken worker started');
  }
  // After the server: the QR is on the dashboard as well as on this terminal.
  whatsapp?.start();

  let stopping = false;
  let step = 'starting';
  const shutdown = async (signal: string) => {
    if (stopping) {
      // A second signal: the operator will not wait for the graceful stop.
      logger.warn({ signal, step }, `second ${signal} while stopping (at: ${step}): exiting now`);
      process.exit(1);
    }
    stopping = true;
    draining = true;
    // Bounded whatever Redis does: a Redis that stops answering (paused, MISCONF, a full disk) left BullMQ's
    // close waiting for ever, and SIGTERM seemed ignored. Past the deadline the process exits and says where
    // it was: jobs not finished stay in Redis and SQLite, and the sweeper takes them up after the restart.
    const timeoutMs = config.shutdownTimeoutMs;
    setTimeout(() => {
      logger.error(
        { signal, step, timeoutMs },
        `shutdown did not finish within ${timeoutMs / 1000} s (at: ${step}): exiting without it`,
      );
      process.exit(1);
    }, timeoutMs).unref();
    logger.info({ signal }, 'shutting down: intake stopped, letting jobs finish');
    step = 'telegram';
    await telegram?.stop();
    // New WhatsApp messages get "try again shortly"; the ones being handled finish.
    step = 'whatsapp intake';
    await whatsapp?.stopIntake();
    step = 'http server';
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    housekeeping.stop();
    step = 'broadcast queues';
    await broadcastQueues.close();
    // Workers finish their jobs while WhatsApp is still connected, so their notices go out.
    step = 'workers and queues';
    await core.close();
    // Then the last replies leave the pacer (5 s at most) and Chromium closes; LocalAuth keeps the login.
    step = 'whatsapp';
    await whatsapp?.stop();
    waWatcher?.stop();
    step = 'redis';
    shared.disconnect();
    await redis.stop();
    logger.info('stopped');
    process.exit(0);
  };
  onSignal = (signal) => void shutdown(signal);
  if (signalled) onSignal(signalled);
}

main().catch(async (error: unknown) => {
  for (const undo of undoStartup.reverse()) await undo().catch(() => {});
  if (error instanceof ConfigError || error instanceof RedisUnavailableError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
