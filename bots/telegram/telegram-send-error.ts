import { GrammyError, HttpError } from 'grammy';

/**
 * Why a send to Telegram failed, in the terms the notify worker acts on (src/notify/delivery.ts reads
 * `kind` and `retryAfterSec` without importing this adapter):
 * - `blocked`: the person blocked the bot or deleted their account (403): never retry;
 * - `invalid_chat`: the chat does not exist (400 chat not found): never retry;
 * - `rate_limited`: Telegram asked us to wait `retryAfterSec` (429);
 * - `transient`: network trouble, a Telegram server error, or a token Telegram does not know (401/404):
 *   retry later; an operator who fixes the token must find every notice still waiting;
 * - `rejected`: any other refusal (a malformed message): retrying the same call cannot help.
 */
export type TelegramSendErrorKind = 'blocked' | 'invalid_chat' | 'rate_limited' | 'transient' | 'rejected';

export class TelegramSendError extends Error {
  override readonly name = 'TelegramSendError';
  constructor(
    readonly kind: TelegramSendErrorKind,
    message: string,
    readonly retryAfterSec?: number,
    options?: { cause?: unknown; outcomeUnknown?: boolean },
  ) {
    super(message, options);
    this.outcomeUnknown = options?.outcomeUnknown ?? false;
  }

  /** The request may have reached Telegram before the connection failed (see src/notify/delivery.ts). */
  readonly outcomeUnknown: boolean;
}

// Failures before any byte reached Telegram: the message certainly did not leave.
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

function errorCode(error: unknown): string | undefined {
  for (
    let e: unknown = error, depth = 0;
    e && depth < 4;
    e = (e as { cause?: unknown; error?: unknown }).cause ?? (e as { error?: unknown }).error, depth++
  ) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

const CHAT_GONE =
  /chat not found|user not found|peer_id_invalid|chat_id is empty|group chat was (deactivated|upgraded)/i;

/** Maps what grammY threw to a TelegramSendError; the description is Telegram's own, with no message text. */
export function toSendError(error: unknown): TelegramSendError {
  if (error instanceof TelegramSendError) return error;
  if (error instanceof GrammyError) {
    const what = `Telegram ${error.method}: ${error.error_code} ${error.description}`;
    if (error.error_code === 403) return new TelegramSendError('blocked', what, undefined, { cause: error });
    if (error.error_code === 429) {
      const after = error.parameters.retry_after;
      return new TelegramSendError('rate_limited', what, typeof after === 'number' && after > 0 ? after : 1, {
        cause: error,
      });
    }
    if (error.error_code >= 500 || error.error_code === 401 || error.error_code === 404)
      return new TelegramSendError('transient', what, undefined, { cause: error });
    if (error.error_code === 400 && CHAT_GONE.test(error.description))
      return new TelegramSendError('invalid_chat', what, undefined, { cause: error });
    return new TelegramSendError('rejected', what, undefined, { cause: error });
  }
  const outcomeUnknown = !NEVER_CONNECTED.has(errorCode(error) ?? '');
  if (error instanceof HttpError)
    return new TelegramSendError('transient', `Telegram unreachable: ${error.message}`, undefined, {
      cause: error,
      outcomeUnknown,
    });
  return new TelegramSendError(
    'transient',
    `Telegram send failed: ${(error as Error)?.message ?? String(error)}`,
    undefined,
    { cause: error, outcomeUnknown },
  );
}
