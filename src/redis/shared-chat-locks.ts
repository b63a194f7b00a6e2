import type { Redis } from 'ioredis';
import type { ChatLocks } from '../../bots/flows/chat-locks.js';
import type { Logger } from '../shared/logger.js';
import { tryLease, type Lease } from './lease.js';

/** Long enough for any message (replies retry for about a minute); renewed while the message runs. */
const LEASE_MS = 30_000;
/** Past this a holder is taken to be stuck: the message goes on without the shared lock, said in the log. */
const MAX_WAIT_MS = 60_000;

export const chatLockKey = (prefix: string, chatKey: string): string => `${prefix}:chat-lock:${chatKey}`;

/**
 * Per-chat locks shared by every process on one Redis: a person's two messages (or a message and a notice)
 * are handled one at a time even when two server processes got them. The in-process locks stay in front, so
 * that messages of one chat queue in memory first and only the one at the head asks Redis: two round trips
 * per message (take, give back), no polling while the chat is busy in this same process.
 *
 * When Redis does not answer, a message goes on under the in-process lock alone (logged): a chat app that
 * stops answering is worse than the rare race between two processes during an outage.
 */
export function createSharedChatLocks(p: {
  redis: Redis;
  prefix: string;
  local: ChatLocks;
  logger: Logger;
  leaseMs?: number;
  maxWaitMs?: number;
}): ChatLocks {
  const leaseMs = p.leaseMs ?? LEASE_MS;
  const maxWaitMs = p.maxWaitMs ?? MAX_WAIT_MS;

  async function take(chatKey: string): Promise<Lease | null> {
    const key = chatLockKey(p.prefix, chatKey);
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      const lease = await tryLease(p.redis, key, leaseMs);
      if (lease) return lease;
      if (Date.now() - started > maxWaitMs) {
        p.logger.error(
          { chat: chatKey, holder: await p.redis.get(key).catch(() => null) },
          'chat lock: another process has held this chat past the wait limit; going on without it',
        );
        return null;
      }
      // Another process holds the chat: most messages take milliseconds, so look again soon, then less often.
      await new Promise((r) => setTimeout(r, Math.min(2 ** attempt, 50)));
    }
  }

  // Said once per outage, not once per message.
  let down = false;
  return {
    run(chatKey, task) {
      return p.local.run(chatKey, async () => {
        let lease: Lease | null = null;
        try {
          // Not connected: go on at once rather than wait out a command timeout on every message.
          if (p.redis.status !== 'ready') throw new Error(`Redis connection ${p.redis.status}`);
          lease = await take(chatKey);
          if (down) p.logger.info({}, 'chat lock: Redis answers again; chats are locked across processes');
          down = false;
        } catch (error) {
          if (!down)
            p.logger.warn(
              { err: (error as Error).message, chat: chatKey },
              'chat lock: Redis did not answer; messages are serialized in their own process only until it does',
            );
          down = true;
        }
        try {
          return await task();
        } finally {
          await lease?.release().catch(() => {});
        }
      });
    },
  };
}
