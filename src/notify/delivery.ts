/**
 * The port through which the notify worker hands a recorded notification to the chat layer (bots/flows),
 * which finds the person's chat, renders the text in their language and sends it.
 */
export interface NotificationToDeliver {
  id: number;
  recipientPhone: string;
  template: string;
  params: Record<string, string | number | null>;
  orderId: string | null;
}

export type DeliveryResult = { status: 'sent'; channel: string } | { status: 'unreachable' };

export interface NotificationDelivery {
  deliver(n: NotificationToDeliver): Promise<DeliveryResult>;
}

/** Without any chat channel (tests, benchmarks, a server-only process) a notification has nowhere to go. */
export const noDelivery: NotificationDelivery = {
  deliver: async () => ({ status: 'unreachable' }),
};

/**
 * Errors from a channel that retrying will not fix: the person blocked the bot, the chat does not exist,
 * or the platform refuses this message as it is. Adapters' error classes carry a `kind`; this reads it without
 * importing any adapter.
 */
export function isPermanentSendError(error: unknown): boolean {
  const kind = (error as { kind?: unknown } | null)?.kind;
  const name = (error as { name?: unknown } | null)?.name;
  return kind === 'blocked' || kind === 'invalid_chat' || kind === 'rejected' || name === 'ProactiveNotAllowedError';
}

/** Seconds the platform asked us to wait (Telegram's retry_after), if any. */
export function retryAfterSeconds(error: unknown): number | null {
  const s = (error as { retryAfterSec?: unknown } | null)?.retryAfterSec;
  return typeof s === 'number' && s > 0 ? s : null;
}

/**
 * The send failed in a way that does not say whether the message reached the person (a connection that
 * broke after the request went out). A notice may be sent again; a broadcast reports it `unknown`.
 * Adapters set `outcomeUnknown` on such errors.
 */
export function sendOutcomeUnknown(error: unknown): boolean {
  return (error as { outcomeUnknown?: unknown } | null)?.outcomeUnknown === true;
}

/** How long a channel's queue waits when the channel is not connected (WhatsApp between two sessions). */
export const NOT_CONNECTED_PAUSE_MS = 5000;

/**
 * Milliseconds to hold back a channel's whole queue before trying again, or null for an ordinary error.
 * The platform asked us to wait (Telegram's retry_after), or the channel is not connected right now
 * (WhatsApp's `not_ready`): neither says anything about this message, so it must not use up its attempts.
 */
export function channelPauseMs(error: unknown): number | null {
  const wait = retryAfterSeconds(error);
  if (wait) return wait * 1000;
  return (error as { kind?: unknown } | null)?.kind === 'not_ready' ? NOT_CONNECTED_PAUSE_MS : null;
}
