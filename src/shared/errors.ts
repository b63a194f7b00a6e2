/**
 * Base of every rule the domain enforces. Adapters map these in one place each: Hono's onError to an HTTP
 * status, the chat layer to a friendly message, the worker to retry or UnrecoverableError.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input that fails validation: nothing was written. */
export class ValidationError extends DomainError {
  readonly code = 'invalid_input';
  constructor(
    message: string,
    readonly issues: readonly string[] = [message],
  ) {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'not_found';
  constructor(
    readonly entity: string,
    readonly key: string | number,
  ) {
    super(`${entity} ${key} not found`);
  }
}

/** Heavy work (exports, imports) asked for faster than it runs: try again after `retryAfterSec`. */
export class BusyError extends DomainError {
  readonly code = 'busy';
  constructor(
    message: string,
    readonly retryAfterSec: number,
  ) {
    super(message);
  }
}
