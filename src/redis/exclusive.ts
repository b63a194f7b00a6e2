import type { Redis } from 'ioredis';
import { tryLease } from './lease.js';

/** Long enough to ride out a slow Redis moment; renewed every third of it while held. */
const EXCLUSIVE_TTL_MS = 30_000;

/**
 * The right to do what only one process of a deployment may do (poll the Telegram bot; run the WhatsApp
 * gateway of one number), as a renewed Redis lease on `key`. A process that dies without releasing it frees
 * the right when the lease runs out (30 s by default).
 */
export function redisExclusive(p: { redis: Redis; key: string; ttlMs?: number }) {
  return {
    async take(onLost: () => void): Promise<{ release(): Promise<void> } | { heldBy: string | null }> {
      const lease = await tryLease(p.redis, p.key, p.ttlMs ?? EXCLUSIVE_TTL_MS, { onLost });
      if (lease) return lease;
      return { heldBy: await p.redis.get(p.key) };
    },
  };
}

/** Redis keys of the one-per-deployment rights, under the queue prefix. */
export const exclusiveKeys = (prefix: string) => ({
  telegramPoller: `${prefix}:telegram:poller`,
  whatsappGateway: (number: string) => `${prefix}:wa:gateway:${number}`,
});
