import { DomainError } from '../shared/errors.js';

/** The same person already said this about the order (a second "sudah bayar"): nothing changes. */
export class AlreadyStatedError extends DomainError {
  readonly code = 'already_stated';
  constructor(
    readonly orderCode: string,
    readonly statement: string,
    readonly at: string,
  ) {
    super(`order ${orderCode}: ${statement} was already stated at ${at}`);
  }
}

/** An admin resolution for an order that is not on the review list. */
export class NotUnderReviewError extends DomainError {
  readonly code = 'not_under_review';
  constructor(readonly orderCode: string) {
    super(`order ${orderCode} is not on the review list`);
  }
}
