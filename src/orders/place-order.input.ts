import { z } from 'zod';
import { ValidationError } from '../shared/errors.js';
import { checkDeliveryAddress } from './delivery-address.js';

/** The most a single line may ask for: past this it is a typo, not an order. */
export const MAX_QUANTITY = 1000;
export const MAX_LINES = 50;

const schema = z.object({
  buyerId: z.number().int().positive(),
  shopId: z.number().int().positive(),
  items: z
    .array(
      z.object({
        productId: z.number().int().positive(),
        quantity: z
          .number()
          .int('quantity must be a whole number')
          .min(1, 'quantity must be at least 1')
          .max(MAX_QUANTITY, `quantity must be at most ${MAX_QUANTITY}`),
      }),
    )
    .min(1, 'an order needs at least one item')
    .max(MAX_LINES, `an order has at most ${MAX_LINES} lines`),
  fulfilment: z.enum(['delivery', 'pickup']),
  note: z.string().max(500, 'the note is at most 500 characters').default(''),
  /** Where a delivery goes; checked by checkDeliveryAddress when given, dropped for pickup. */
  deliveryAddress: z.string().max(1000).nullable().optional(),
  /**
   * The request's own id (a chat message: "telegram:<chat>:<update>"). Placing again with the same key returns the
   * order placed the first time: a message redelivered after a crash must not order twice.
   */
  requestKey: z.string().min(1).max(200).optional(),
});

export type PlaceOrderInput = z.input<typeof schema>;
export type PlaceOrder = z.output<typeof schema>;

export function parsePlaceOrder(input: unknown): PlaceOrder {
  const r = schema.safeParse(input);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join('.') || 'order'}: ${i.message}`);
    throw new ValidationError(`invalid order: ${issues.join('; ')}`, issues);
  }
  if (r.data.fulfilment === 'pickup' || r.data.deliveryAddress == null) return { ...r.data, deliveryAddress: null };
  const address = checkDeliveryAddress(r.data.deliveryAddress);
  if (!address.ok)
    throw new ValidationError(`invalid order: deliveryAddress is ${address.reason.replace('_', ' ')}`, [
      `deliveryAddress: ${address.reason}`,
    ]);
  return { ...r.data, deliveryAddress: address.address };
}
