import { createRateLimiter } from '../shared/rate-limit.js';
import type { Db } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import { webChatKnown } from './web-chat.repository.js';

export interface WebChatAdmission {
  /**
   * Whether this address may speak in this web chat now. A chat that already has rows always may; a new one
   * (it adds a conversation and a link row) counts against the address's limit.
   */
  admit(chatId: string, address: string): Promise<{ ok: true } | { ok: false; retryAfterSec: number }>;
}

/** Default: 30 new web chats an hour from one address, ample for trying the demo as several people. */
export const DEFAULT_NEW_WEB_CHATS = { max: 30, windowMs: 3_600_000 };

/**
 * The anonymous demo web chat is open to anyone; without a limit one address could add rows for every demo
 * number (issue 19, item 5). Idle ones are pruned (processed-pruning.ts); this keeps the rate of new ones down.
 */
export function createWebChatAdmission(p: {
  db: Db;
  clock: Clock;
  limit?: { max: number; windowMs: number };
}): WebChatAdmission {
  const limiter = createRateLimiter(p.limit ?? DEFAULT_NEW_WEB_CHATS);
  return {
    async admit(chatId, address) {
      if (await webChatKnown(p.db, chatId)) return { ok: true };
      const now = p.clock.now().getTime();
      if (limiter.take(address, now)) return { ok: true };
      return { ok: false, retryAfterSec: Math.max(1, Math.ceil(limiter.retryAfterMs(address, now) / 1000)) };
    },
  };
}
