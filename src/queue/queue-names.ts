/**
 * Every queue and job the service uses, with its payload. Payloads carry ids only, never personal data.
 * Job ids contain no ':' (BullMQ reserves it).
 */
export const QUEUES = {
  orders: 'orders',
  notify: 'notify',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface OrderJobs {
  /** Place the ledger hold or refuse. */
  reserve: { orderId: string };
  /** Nudge a shop that has not answered. */
  remind: { orderId: string };
  /** Give up on a shop that did not answer; release the hold. */
  expire: { orderId: string };
}
export type OrderJobName = keyof OrderJobs;

export interface NotifyJobs {
  send: { notificationId: number };
}

export const jobIds = {
  reserve: (orderId: string) => `reserve-${orderId}`,
  remind: (orderId: string) => `remind-${orderId}`,
  expire: (orderId: string) => `expire-${orderId}`,
  notify: (notificationId: number) => `notify-${notificationId}`,
};
