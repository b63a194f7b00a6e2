import { DomainError } from '../shared/errors.js';
import type { QrisRefusal } from './qris.types.js';

/** A text that is not a payable merchant QRIS, or an amount that a QRIS cannot carry; nothing was made. */
export class QrisError extends DomainError {
  readonly code = 'qris_refused';
  constructor(
    readonly reason: QrisRefusal,
    readonly detail: string,
  ) {
    super(detail);
  }
}
