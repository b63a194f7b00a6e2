import type { Clock } from '../../src/shared/clock.js';
import type { ChatChannel, MessageCategory } from '../../src/chat/ports.js';
import { toChatId } from './chat-id.js';
import type { LastSeenStore } from './last-seen.js';
import type { WhatsAppSender } from './whatsapp-client.js';
import type { WhatsAppPacer } from './whatsapp-pacer.js';
import { sendToWhatsApp } from './whatsapp-send.js';

/**
 * A proactive message to someone who has not written within the window. WhatsApp bans numbers that send
 * unsolicited messages, so the notify layer marks these skipped instead of retrying
 * (`isPermanentSendError` reads the name).
 */
export class ProactiveNotAllowedError extends Error {
  readonly kind = 'proactive_not_allowed';
  constructor(readonly category: MessageCategory) {
    super(`WhatsApp: a ${category} message may not go to a chat that has not written lately`);
    this.name = 'ProactiveNotAllowedError';
  }
}

/**
 * A send that failed once whatsapp-web.js had it (an evaluation error, a page that closed, a timeout): the
 * message may have gone out, so a broadcast reports the person `unknown` rather than sending it again
 * (`sendOutcomeUnknown`). A send while the session is not connected never left, and keeps its own error.
 */
export class WhatsAppSendError extends Error {
  readonly outcomeUnknown = true;
  constructor(cause: unknown) {
    super(`WhatsApp send failed: ${(cause as Error | null)?.message ?? String(cause)}`, { cause });
    this.name = 'WhatsAppSendError';
  }
}

/** The session's WhatsAppNotReadyError: nothing was sent. */
const neverLeft = (error: unknown) => (error as { kind?: unknown } | null)?.kind === 'not_ready';

/** Proactive messages the person is waiting for (their own order, their own quota) may always go. */
const ALWAYS_ALLOWED: ReadonlySet<MessageCategory> = new Set(['reply', 'order_update', 'quota_reminder']);

export const DEFAULT_PROACTIVE_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface WhatsAppChannelDeps {
  /** A client, or the session that outlives its clients. */
  client: WhatsAppSender;
  pacer: WhatsAppPacer;
  lastSeen: LastSeenStore;
  clock: Clock;
  proactiveWindowMs?: number;
}

/**
 * WhatsApp as the engine and the notify worker see it. `chatId` is a jid (`628…@c.us`, `…@lid`) or an
 * E.164 phone, which becomes its `@c.us` chat. Resolves once the message has actually been sent.
 */
export function createWhatsAppChannel(deps: WhatsAppChannelDeps): ChatChannel {
  const windowMs = deps.proactiveWindowMs ?? DEFAULT_PROACTIVE_WINDOW_MS;

  async function mayReach(chatId: string, category: MessageCategory): Promise<boolean> {
    if (ALWAYS_ALLOWED.has(category)) return true;
    const seen = await deps.lastSeen.get(chatId);
    return seen !== null && deps.clock.now().getTime() - seen.getTime() <= windowMs;
  }

  return {
    name: 'whatsapp',
    async send(chatIdOrPhone, message, meta) {
      const category = meta?.category ?? 'reply';
      const chatId = toChatId(chatIdOrPhone);
      if (!(await mayReach(chatId, category))) throw new ProactiveNotAllowedError(category);
      let sentId: string | undefined;
      const sendNow = async () => {
        try {
          sentId = (await sendToWhatsApp(deps.client, chatId, message)) ?? undefined;
        } catch (error) {
          throw neverLeft(error) ? error : new WhatsAppSendError(error);
        }
      };
      await deps.pacer.enqueue(chatId, sendNow, {
        priority: category === 'reply' ? 'reply' : 'proactive',
      });
      return sentId ? { messageId: sentId } : undefined;
    },
  };
}
