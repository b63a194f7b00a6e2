/**
 * The jobs the order service emits (through the outbox), with their payloads and job ids. Payloads carry ids
 * only, never personal data. Job ids contain no ':' (BullMQ reserves it). The queue itself, its options and
 * its worker are in src/jobs.
 */
export const ORDER_QUEUE = 'orders';

export interface OrderJobs {
  /** Place the ledger hold or refuse. */
  reserve: { orderId: string };
  /**
   * Nudge the shops that have not answered. One timer for the orders reserved together (they share the
   * instant), not one per order: a timer is a delayed job in Redis, and most are never needed.
   */
  remind: { orderIds: string[] };
  /** Give up on the shops that did not answer; release the holds. One timer per reminded group. */
  expire: { orderIds: string[] };
  /**
   * A deadline step of an accepted or delivered order (src/orders/deadlines.ts): remind, ask the buyer,
   * expire, or put on the review list. One timer at a time per order; each step sets the next.
   */
  deadline: { step: string; orderIds: string[] };
}
export type OrderJobName = keyof OrderJobs;

export const jobIds = {
  reserve: (orderId: string) => `reserve-${orderId}`,
  /** A timer is named after the first order of its group (an order is reserved, and reminded, once). */
  remind: (firstOrderId: string) => `remind-${firstOrderId}`,
  expire: (firstOrderId: string) => `expire-${firstOrderId}`,
  /** Named after the step as well: an order has one timer per step, and step names never repeat. */
  deadline: (step: string, firstOrderId: string) => `${step}-${firstOrderId}`,
};
