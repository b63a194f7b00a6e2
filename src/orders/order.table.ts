import type { Generated } from 'kysely';

export const ORDER_STATUSES = [
  'submitted',
  'reserved',
  'accepted',
  'delivered',
  'completed',
  'refused',
  'rejected',
  'cancelled',
  'expired',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export type Fulfilment = 'delivery' | 'pickup';
export const PAYMENT_METHODS = ['qris', 'transfer', 'cash'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export interface OrderTable {
  id: string;
  code: string;
  buyer_id: number;
  shop_id: number;
  status: OrderStatus;
  total: number;
  fulfilment: Fulfilment;
  note: Generated<string>;
  /** Where a delivery goes (asked at checkout); null for pickup and for orders placed before 0010. */
  delivery_address: Generated<string | null>;
  /** The month of the hold; null until the order is reserved. */
  period: string | null;
  /** Why it was refused, rejected, cancelled or expired. */
  reason: string | null;
  /** When the shop said the money arrived (today's confirmPaid). */
  paid_at: string | null;
  /** When the buyer said "sudah bayar", how (as they stated it) and a photo of the receipt (media path). */
  buyer_paid_at: string | null;
  payment_method: PaymentMethod | null;
  payment_receipt: string | null;
  created_at: string;
  updated_at: string;
  reserved_at: string | null;
  accepted_at: string | null;
  delivered_at: string | null;
  closed_at: string | null;
  remind_at: string | null;
  expires_at: string | null;
  /** Accepted, not delivered: when the buyer is asked "Sudah diterima?" (deadlines.ts). */
  ask_at: string | null;
  /** Why the order waits for an admin; null when it does not. */
  review_reason: ReviewReason | null;
  review_at: string | null;
}

/** Why an order is on the admins' review list ("perlu ditinjau"). */
export const REVIEW_REASONS = ['payment_overdue', 'dispute'] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

export interface OrderItemTable {
  order_id: string;
  line_no: number;
  product_id: number;
  name: string;
  unit: string;
  price: number;
  quantity: number;
}

/** Which chat message placed an order (channel:message id), so that a redelivered message finds it. */
export interface OrderRequestTable {
  request_key: string;
  order_id: string;
  created_at: string;
}
