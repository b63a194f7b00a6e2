// A broadcast worker process for the crash test: the real core (createCore + startWorkers) with the real
// Telegram channel, pointed at the fake Bot API by the parent. Only broadcast work: no order or notify
// workers. SIGKILLed by the test; SIGTERM closes it.
import { createTelegramChannel } from '../../bots/telegram/index.js';
import { createCore } from '../../src/app/core.js';
import { createLogger } from '../../src/shared/logger.js';

const env = (k: string): string => {
  const v = process.env[k];
  if (!v) throw new Error(`worker-entry: ${k} is required`);
  return v;
};

const core = await createCore({
  database: process.env.DATABASE_URL ?? env('DATABASE_FILE'),
  redisUrl: env('REDIS_URL'),
  queuePrefix: env('QUEUE_PREFIX'),
  workerConcurrency: 1,
  workerLockMs: Number(env('WORKER_LOCK_MS')),
  sweepIntervalMs: 3_600_000,
  telegramRatePerSecond: Number(env('TELEGRAM_RATE_PER_S')),
  logger: createLogger({ level: process.env.LOG_LEVEL ?? 'warn' }),
  workers: true,
  broadcasts: {
    channels: ['telegram'],
    pollMs: 100,
    repairMs: 2000,
    concurrency: Number(process.env.BROADCAST_CONCURRENCY ?? 8),
    schedules: false,
  },
});
core.startWorkers(undefined, {
  orders: false,
  unrouted: false,
  channels: [],
  broadcastChannels: {
    telegram: createTelegramChannel({ token: env('TELEGRAM_BOT_TOKEN'), apiRoot: env('TELEGRAM_API_ROOT') }),
  },
});
console.log('broadcast worker ready');
process.on('SIGTERM', () => {
  void core.close().then(() => process.exit(0));
});
