import { createRateLimiter, type RateLimiterFactory } from '../shared/rate-limit.js';
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
  /** Where the count is kept: this process's memory unless given (Redis when several servers share it). */
  limiters?: RateLimiterFactory;
}): WebChatAdmission {
  const limit = p.limit ?? DEFAULT_NEW_WEB_CHATS;
  const limiter = p.limiters ? p.limiters('web-chat-new', limit) : createRateLimiter(limit);
  return {
    async admit(chatId, address) {
      if (await webChatKnown(p.db, chatId)) return { ok: true };
      const r = await limiter.take(address, p.clock.now().getTime());
      if (r.ok) return r;
      return { ok: false, retryAfterSec: Math.max(1, Math.ceil(r.retryAfterMs / 1000)) };
    },
  };
}
