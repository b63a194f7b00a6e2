import { DomainError } from '../shared/errors.js';

/** Why an order could not be reserved. Shown to the buyer (translated) and stored on the order. */
export type RefusalReason =
  'shop_cap' | 'buyer_max' | 'order_max' | 'out_of_stock' | 'shop_closed' | 'shop_unverified' | 'outside_area';

/** The order cannot be reserved; nothing was written to the ledger. */
export class OrderRefusedError extends DomainError {
  readonly code = 'order_refused';
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message);
  }
}
