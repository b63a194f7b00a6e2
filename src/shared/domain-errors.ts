import { DomainError } from './errors.js';

/** The change conflicts with the current state (verifying an active shop, a phone already in use). */
export class ConflictError extends DomainError {
  readonly code = 'conflict';
}

/** The signed-in person may not read or do this (a viewer writing, an opd_admin outside its OPD). */
export class ForbiddenError extends DomainError {
  readonly code = 'forbidden';
}

/** Too many sign-in attempts for this phone or from this address; `retryAfterSec` says when to try again. */
export class TooManyAttemptsError extends DomainError {
  readonly code = 'too_many_requests';
  constructor(
    message: string,
    readonly retryAfterSec: number,
  ) {
    super(message);
  }
}
