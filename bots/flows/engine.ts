import type { Db } from '../../src/db/database.js';
import { createConversationService } from '../../src/chat/conversation.service.js';
import type { OrderService } from '../../src/orders/order.service.js';
import type { SettingsService } from '../../src/settings/settings.service.js';
import type { Clock } from '../../src/shared/clock.js';
import type { Logger } from '../../src/shared/logger.js';
import { createChatLocks, chatKey, type ChatLocks } from './chat-locks.js';
import { converse } from './converse.js';
import { buildFlowServices } from './flow-services.js';
import type { ChannelName, ConversationHandler, InboundMessage, OutboundMessage } from '../../src/chat/ports.js';
import { parseSession, type Session } from './session.js';
import { textsFor, type Language } from './texts/index.js';

export interface ConversationEngineDeps {
  db: Db;
  clock: Clock;
  settings: SettingsService;
  orders: OrderService;
  /** Back to the main menu after this long without a message (default 30 minutes). */
  idleTimeoutMs?: number;
  /** Share with createNotificationDelivery in the same process (see chat-locks.ts). */
  locks?: ChatLocks;
  logger?: Logger;
  /** The channels some process runs (Core.liveChannels): shops are listed only when reachable on one. */
  liveChannels?: () => Promise<ReadonlySet<ChannelName> | null>;
}

const DEFAULT_IDLE_MS = 30 * 60_000;

/**
 * The conversation engine: one inbound message in, the replies out. State lives in SQLite (conversations),
 * so a restart loses nothing; a message id seen before on the channel has no second effect.
 */
export function createConversationEngine(deps: ConversationEngineDeps): ConversationHandler {
  const services = buildFlowServices(deps);
  const conversations = createConversationService(deps);
  const locks = deps.locks ?? createChatLocks();
  const idleMs = deps.idleTimeoutMs ?? DEFAULT_IDLE_MS;

  async function handleOne(m: InboundMessage): Promise<readonly OutboundMessage[]> {
    if (await conversations.isProcessed(m.channel, m.messageId)) return [];
    const stored = await conversations.find(m.channel, m.chatId);
    const now = deps.clock.now();
    const memo: { session: Session | null; language: Language } = {
      session: stored ? parseSession(stored.state) : null,
      language: stored?.language ?? 'id',
    };
    const idle = stored !== undefined && now.getTime() - new Date(stored.updated_at).getTime() > idleMs;
    let replies: OutboundMessage[];
    try {
      replies = await converse({ services, message: m, memo, idle });
    } catch (error) {
      // Not recorded as processed: the platform's redelivery, or the person's retry, may succeed.
      deps.logger?.error({ err: (error as Error).message, channel: m.channel }, 'chat message failed');
      return [{ text: textsFor(memo.language).failure }];
    }
    const session = memo.session;
    await conversations.finish({
      channel: m.channel,
      messageId: m.messageId,
      at: now.toISOString(),
      conversation: session
        ? {
            channel: m.channel,
            chatId: m.chatId,
            state: JSON.stringify(session),
            language: memo.language,
            at: now.toISOString(),
          }
        : undefined,
    });
    return replies;
  }

  return {
    handle: (m) => locks.run(chatKey(m.channel, m.chatId), () => handleOne(m)),
  };
}
