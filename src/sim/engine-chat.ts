import type { ConversationHandler, InboundContent, OutboundMessage } from '../chat/ports.js';
import type { Random } from '../shared/random.js';

/** What the person last saw in a chat: a reply to their own message, or a message the platform pushed. */
type Last = { kind: 'reply' } | { kind: 'pushed'; values: string[] } | null;

export interface ChatStats {
  messages: number;
  duplicatesDelivered: number;
  /** A repeated update (same message id) that was answered or acted on: must stay 0. */
  duplicatesAnswered: number;
}

/**
 * One person's chat with the engine on the sim's `web` channel. Every update has a fresh message id; with
 * the duplicate-update fault some are delivered a second time with the same id, as a platform retrying a
 * webhook does, and the engine must answer that repeat with nothing.
 */
export function createEngineChat(deps: {
  engine: ConversationHandler;
  chatId: string;
  phone: string;
  duplicateRate: number;
  stats: ChatStats;
  nextId: () => string;
}) {
  let last: Last = null;
  let busy = 0;

  async function say(content: InboundContent, rnd: Random): Promise<OutboundMessage> {
    const message = {
      channel: 'web' as const,
      chatId: deps.chatId,
      messageId: deps.nextId(),
      senderPhone: deps.phone,
      content,
    };
    busy++;
    // The engine's queries resolve as microtasks (better-sqlite3 is synchronous), so dozens of agents in
    // conversation would never let the event loop reach I/O: the notices the workers post, the timers.
    // A person pauses between messages; yielding here lets the chat API's requests in.
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      deps.stats.messages++;
      const replies = await deps.engine.handle(message);
      if (deps.duplicateRate > 0 && rnd.chance(deps.duplicateRate)) {
        deps.stats.duplicatesDelivered++;
        const again = await deps.engine.handle(message);
        if (again.length > 0) deps.stats.duplicatesAnswered++;
      }
      last = { kind: 'reply' };
      return replies.at(-1) ?? { text: '' };
    } finally {
      busy--;
    }
  }

  return {
    chatId: deps.chatId,
    phone: deps.phone,
    text: (text: string, rnd: Random) => say({ kind: 'text', text }, rnd),
    /** A button press: the value of an option the engine showed (now or in an older message). */
    press: (value: string, rnd: Random) => say({ kind: 'option', value }, rnd),
    /** A message the chat API delivered into this chat. */
    pushed(message: OutboundMessage): void {
      last = { kind: 'pushed', values: (message.options ?? []).map((o) => o.value) };
    },
    /**
     * True when the newest thing in the chat is a pushed message offering `value` first and nothing of the
     * person's is in flight: then a bare "1" answers it, as a shopkeeper types under a new-order notice.
     */
    lastPushedOffers(value: string): boolean {
      return busy === 0 && last?.kind === 'pushed' && last.values[0] === value;
    },
  };
}
export type EngineChat = ReturnType<typeof createEngineChat>;

export const valuesOf = (m: OutboundMessage): string[] => (m.options ?? []).map((o) => o.value);
