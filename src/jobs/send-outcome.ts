import { Worker, type Job } from 'bullmq';

/**
 * What a failed send means, for the notify and the broadcast worker alike: the chat adapters' error classes
 * carry a `kind` (and `retryAfterSec`, `outcomeUnknown`); this reads them without importing any adapter.
 */

/**
 * Errors from a channel that retrying will not fix: the person blocked the bot, the chat does not exist,
 * or the platform refuses this message as it is.
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

/**
 * A failed send, classified:
 * - `blocked`: the person blocked the bot; `refused`: the chat is gone or the platform refuses this message
 *   (Telegram 400). Neither is retried.
 * - `unknown`: the message may have reached the person (sendOutcomeUnknown); a worker that must not send
 *   twice reports it, one that may (a notice) treats it as `transient`.
 * - `transient`: the message did not leave; try again (retryLater).
 */
export interface SendFailure {
  kind: 'blocked' | 'refused' | 'unknown' | 'transient';
  /** The adapter's word for a refusal (`invalid_chat`, `rejected`…), `refused` when it has none. */
  label: string;
  /** The error's message, cut short for the database. */
  reason: string;
}

export function classifySendFailure(error: unknown): SendFailure {
  const kind = (error as { kind?: unknown } | null)?.kind;
  const reason = String((error as Error)?.message ?? error).slice(0, 300);
  const label = typeof kind === 'string' ? kind : 'refused';
  if (kind === 'blocked') return { kind: 'blocked', label, reason };
  if (isPermanentSendError(error)) return { kind: 'refused', label, reason };
  if (sendOutcomeUnknown(error)) return { kind: 'unknown', label, reason };
  return { kind: 'transient', label, reason };
}

/**
 * The end of a send that did not leave and may be tried again. A pause the channel asked for (a 429, a
 * WhatsApp session not connected) is about the channel, not this message: the whole queue waits and the job
 * costs no attempt. Otherwise BullMQ retries the job; `onLastAttempt` records the failure before the last
 * one gives up. Always throws.
 */
export async function retryLater(
  worker: Worker,
  job: Pick<Job, 'attemptsMade' | 'opts'>,
  error: unknown,
  onLastAttempt: () => Promise<void>,
): Promise<never> {
  const pause = channelPauseMs(error);
  if (pause !== null) {
    await worker.rateLimit(pause);
    throw Worker.RateLimitError();
  }
  if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await onLastAttempt();
  throw error;
}
