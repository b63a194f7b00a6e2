import type { Db } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import { pruneProcessed } from './conversation.repository.js';
import { pruneHandledUpdates } from './update-inbox.repository.js';
import { pruneIdleWebChats } from './web-chat.repository.js';

/**
 * Message ids are kept so that a redelivered update has no second effect. Telegram redelivers for at most
 * a day and WhatsApp within hours, so a week is ample; without pruning the table grows with every message.
 * Anonymous demo web chats idle for `webIdleMs` go too (issue 19, item 5): anyone can open one per demo number,
 * and each adds a conversation and a link row. Shop people's and admins' web chats stay (web-chat.repository.ts).
 */
export function startProcessedPruning(p: {
  db: Db;
  clock: Clock;
  logger: Logger;
  keepMs?: number;
  everyMs?: number;
  webIdleMs?: number;
}): { stop(): void } {
  const keepMs = p.keepMs ?? 7 * 24 * 3_600_000;
  // A day: a demo visitor's half-finished order survives a night; an abandoned tab does not stay forever.
  const webIdleMs = p.webIdleMs ?? 24 * 3_600_000;
  const prune = async () => {
    try {
      const before = new Date(p.clock.now().getTime() - keepMs).toISOString();
      // Handled update ids (update-inbox.ts) are kept for the same reason and as long.
      const removed = (await pruneProcessed(p.db, before)) + (await pruneHandledUpdates(p.db, before));
      if (removed > 0) p.logger.info({ removed }, 'pruned processed message ids');
      const webChats = await pruneIdleWebChats(p.db, new Date(p.clock.now().getTime() - webIdleMs).toISOString());
      if (webChats > 0) p.logger.info({ webChats }, 'pruned idle demo web chats');
    } catch (error) {
      p.logger.warn({ err: error }, 'pruning processed message ids failed; will retry');
    }
  };
  void prune();
  const timer = setInterval(() => void prune(), p.everyMs ?? 6 * 3_600_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
