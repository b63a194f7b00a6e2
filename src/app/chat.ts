import { createChatLocks, createConversationEngine, createNotificationDelivery } from '../../bots/flows/index.js';
import type { ChatLocks, NotificationDelivery } from '../../bots/flows/index.js';
import type { ChannelName, ChatChannel, ConversationHandler } from '../chat/ports.js';
import { startProcessedPruning } from '../chat/processed-pruning.js';
import { createPayableQrService } from '../payments/payable-qr.service.js';
import { createReceiptService } from '../receipts/index.js';
import type { Core } from './core.js';

export interface Chat {
  /** Inbound messages from every adapter in this process go here. */
  engine: ConversationHandler;
  /** What the notify worker hands recorded notifications to. */
  delivery: NotificationDelivery;
  /** Starts the housekeeping of the chat tables (pruning old message ids); returns its stop. */
  startHousekeeping(): { stop(): void };
}

/**
 * The chat layer over the core: one engine and one delivery sharing one set of per-chat locks, so that a
 * notice that moves a chat to a question never interleaves with that chat's own message. The locks are this
 * process's unless given: src/main.ts gives Redis-backed ones (src/redis/shared-chat-locks.ts), so that two
 * processes never handle one chat at once either.
 */
export function createChat(
  core: Pick<Core, 'db' | 'clock' | 'settings' | 'orders' | 'logger'> & Partial<Pick<Core, 'liveChannels'>>,
  channels: Partial<Record<ChannelName, ChatChannel>>,
  opts: { locks?: ChatLocks } = {},
): Chat {
  const locks = opts.locks ?? createChatLocks();
  const engine = createConversationEngine({
    db: core.db,
    clock: core.clock,
    settings: core.settings,
    orders: core.orders,
    locks,
    logger: core.logger,
    liveChannels: core.liveChannels,
  });
  const payableQr = createPayableQrService({ db: core.db });
  const receipts = createReceiptService({ db: core.db });
  const delivery = createNotificationDelivery({
    db: core.db,
    clock: core.clock,
    channels,
    locks,
    payableQr,
    receipts,
    logger: core.logger,
  });
  return {
    engine,
    delivery,
    startHousekeeping: () => startProcessedPruning({ db: core.db, clock: core.clock, logger: core.logger }),
  };
}
