import type { Redis } from 'ioredis';

/**
 * When each WhatsApp chat last wrote to us. WhatsApp treats messages to people who have not written lately
 * as unsolicited, so the channel checks this before anything proactive. Three calls, so that it lives in
 * memory for tests and in Redis when the gateway and the notify worker are separate processes.
 */
export interface LastSeenStore {
  touch(chatId: string, at: Date): Promise<void>;
  get(chatId: string): Promise<Date | null>;
}

export function createMemoryLastSeen(): LastSeenStore {
  const seen = new Map<string, number>();
  return {
    async touch(chatId, at) {
      seen.set(chatId, Math.max(seen.get(chatId) ?? 0, at.getTime()));
    },
    async get(chatId) {
      const ms = seen.get(chatId);
      return ms === undefined ? null : new Date(ms);
    },
  };
}

/**
 * One key per chat with a TTL: a chat that has been silent longer than any window we check needs no record,
 * and the keys expire on their own instead of growing a hash forever.
 */
export function createRedisLastSeen(props: {
  redis: Pick<Redis, 'set' | 'get'>;
  /** Namespaces the keys, e.g. `peken:wa:last-seen:`. */
  prefix: string;
  /** How long a record is kept; default 7 days (well past the 24-hour proactive window). */
  ttlMs?: number;
}): LastSeenStore {
  const ttlMs = props.ttlMs ?? 7 * 24 * 60 * 60 * 1000;
  const key = (chatId: string) => `${props.prefix}${chatId}`;
  return {
    async touch(chatId, at) {
      await props.redis.set(key(chatId), String(at.getTime()), 'PX', ttlMs);
    },
    async get(chatId) {
      const value = await props.redis.get(key(chatId));
      if (value === null) return null;
      const ms = Number(value);
      return Number.isFinite(ms) ? new Date(ms) : null;
    },
  };
}
