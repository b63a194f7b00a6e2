import type { Logger } from '../shared/logger.js';
import { BROADCAST_CHANNELS as CHANNELS, type ChannelName } from '../broadcasts/broadcast.repository.js';

/** How long one beat keeps a channel alive: three missed refreshes, so a slow Redis moment is not an outage. */
export const CHANNEL_ALIVE_TTL_MS = 90_000;
export const CHANNEL_ALIVE_EVERY_MS = 30_000;
const RETRY_MS = 1000;
/**
 * A producer connection refuses commands until it is ready (no offline queue), so the first beat of every
 * start fails: only failures that last this long are worth an operator's attention.
 */
const WARN_AFTER_MS = 10_000;

/** One key per channel under the queue prefix; any process that sends the channel's broadcasts refreshes it. */
export const channelAliveKey = (prefix: string, channel: ChannelName) => `${prefix}:channel-alive:${channel}`;

/** The two Redis commands the heartbeat needs (an ioredis `Redis` fits). */
export interface HeartbeatRedis {
  set(key: string, value: string, mode: 'PX', ms: number): Promise<unknown>;
  mget(...keys: string[]): Promise<Array<string | null>>;
}

export interface ChannelHeartbeat {
  /** Marks the channels alive now (also done every `everyMs`). */
  beat(): Promise<void>;
  /** Stops refreshing; the keys run out on their own (see below why they are not deleted). */
  stop(): void;
}

/**
 * Marks `channels` alive in Redis for as long as this process sends their broadcasts: the runner fails
 * recipients on a channel that stays dead (broadcast-runner.ts), and the preview counts them.
 */
export function startChannelHeartbeat(p: {
  redis: HeartbeatRedis;
  prefix: string;
  channels: readonly ChannelName[];
  logger: Logger;
  ttlMs?: number;
  everyMs?: number;
  warnAfterMs?: number;
}): ChannelHeartbeat {
  const ttl = p.ttlMs ?? CHANNEL_ALIVE_TTL_MS;
  const warnAfter = p.warnAfterMs ?? WARN_AFTER_MS;
  let failingSince: number | null = null;
  let warned = false;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  async function beat(): Promise<void> {
    const at = new Date().toISOString();
    await Promise.all(p.channels.map((c) => p.redis.set(channelAliveKey(p.prefix, c), at, 'PX', ttl)));
  }
  // A failed beat is tried again within a second, not at the next interval: after a Redis outage the key
  // may have run out.
  const tick = async () => {
    let next = p.everyMs ?? CHANNEL_ALIVE_EVERY_MS;
    try {
      await beat();
      if (warned) p.logger.info({ channels: p.channels }, 'broadcast channel heartbeat back');
      failingSince = null;
      warned = false;
    } catch (error) {
      failingSince ??= Date.now();
      if (!warned && Date.now() - failingSince >= warnAfter) {
        p.logger.warn(
          { err: String(error), channels: p.channels },
          'broadcast channel heartbeat failing; retrying every second',
        );
        warned = true;
      } else {
        p.logger.debug({ err: String(error) }, 'broadcast channel heartbeat failed; retrying');
      }
      next = Math.min(next, RETRY_MS);
    }
    if (stopped) return;
    timer = setTimeout(() => void tick(), next);
    timer.unref();
  };
  if (p.channels.length > 0) void tick();
  return {
    beat,
    // Not deleted: another process may serve the same channel (Telegram from `npm start` and from
    // `--role worker`), and a delete would show it dead until that one's next beat.
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

/** The channels some process marked alive within the TTL: one MGET. */
export async function liveChannels(redis: Pick<HeartbeatRedis, 'mget'>, prefix: string): Promise<Set<ChannelName>> {
  const values = await redis.mget(...CHANNELS.map((c) => channelAliveKey(prefix, c)));
  return new Set(CHANNELS.filter((_, i) => values[i] !== null && values[i] !== undefined));
}
