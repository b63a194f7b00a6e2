import { DomainError } from '../shared/errors.js';
import type { OrderStatus } from './order.table.js';

/** The transition is not valid from the order's current state (e.g. accepting a cancelled order). */
export class InvalidTransitionError extends DomainError {
  readonly code = 'invalid_transition';
  constructor(
    readonly orderCode: string,
    readonly from: OrderStatus,
    readonly to: string,
  ) {
    super(`order ${orderCode} is ${from}: it cannot be ${to}`);
  }
}
