import { DomainError } from '../shared/errors.js';

/** The change conflicts with the current state (verifying an active shop, a phone already in use). */
export class ConflictError extends DomainError {
  readonly code = 'conflict';
}
