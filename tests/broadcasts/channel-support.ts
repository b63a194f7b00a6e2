import type { Redis } from 'ioredis';
import type { ChannelName, ChatChannel } from '../../src/chat/ports.js';
import { createBroadcastQueues } from '../../src/jobs/queues.js';
import { channelAliveKey } from '../../src/jobs/channel-heartbeat.js';
import { createCore, type Core } from '../../src/app/core.js';
import { upsertChatLink } from '../../src/chat/chat-link.repository.js';
import type { Db } from '../../src/db/database.js';
import type { Clock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/logger.js';

/** `at`: when the chat was linked; a person's most recent chat is the one broadcasts prefer. */
export async function linkChat(
  db: Db,
  channel: ChannelName,
  phone: string,
  chatId: string,
  at = '2026-11-01T00:00:00.000Z',
): Promise<void> {
  await upsertChatLink(db, { channel, chatId, phone, role: null, shopId: null, at });
}

/** A channel that records what it was asked to send (and when), taking `delayMs` per message. */
export function recordingChannel(
  name: ChannelName,
  delayMs = 0,
): ChatChannel & { sent: Array<{ chatId: string; at: number }> } {
  const sent: Array<{ chatId: string; at: number }> = [];
  return {
    name,
    sent,
    async send(chatId) {
      const at = Date.now();
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      sent.push({ chatId, at });
    },
  };
}

/**
 * A process that sends broadcasts through `channels`, as `npm start`, `--role worker` or `npm run whatsapp`
 * runs one: the real core over the test's database and Redis prefix, only the broadcast side.
 */
export async function broadcastProcess(p: {
  /** The test database's location (a SQLite file, or a PostgreSQL URL under test:pg). */
  database: string;
  redisUrl: string;
  prefix: string;
  clock: Clock;
  channels: Partial<Record<ChannelName, ChatChannel>>;
}): Promise<Core> {
  const core = await createCore({
    database: p.database,
    redisUrl: p.redisUrl,
    queuePrefix: p.prefix,
    workerConcurrency: 1,
    workerLockMs: 5000,
    sweepIntervalMs: 3_600_000,
    telegramRatePerSecond: 200,
    logger: silentLogger(),
    clock: p.clock,
    workers: true,
    broadcasts: { pollMs: 50, repairMs: 600_000, concurrency: 1, schedules: false },
  });
  core.startWorkers(undefined, { orders: false, unrouted: false, channels: [], broadcastChannels: p.channels });
  return core;
}

/** Leaves nothing of a test in the shared Redis: its broadcast queues and channel heartbeats. */
export async function clearRedis(producer: Redis, prefix: string): Promise<void> {
  const queues = createBroadcastQueues({ connection: producer, prefix });
  await Promise.all(
    [queues.telegram, queues.whatsapp, queues.web].map((q) => q.obliterate({ force: true }).catch(() => {})),
  );
  await queues.close();
  await producer.del(...(['telegram', 'whatsapp', 'web'] as const).map((c) => channelAliveKey(prefix, c)));
}

/** A producer connection refuses commands until it is ready (no offline queue). */
export async function connected(redis: Redis): Promise<Redis> {
  if (redis.status !== 'ready') await new Promise((r) => redis.once('ready', r));
  return redis;
}
