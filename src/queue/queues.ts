import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUES, type NotifyJobs, type OrderJobs } from './queue-names.js';

export interface Queues {
  orders: Queue<OrderJobs[keyof OrderJobs], unknown, string>;
  notify: Queue<NotifyJobs['send'], unknown, string>;
  byName(name: string): Queue | undefined;
  close(): Promise<void>;
}

/** Jobs are small and their truth is in SQLite: Redis keeps only a short tail of finished ones. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: { count: 1000 },
  removeOnFail: { count: 5000 },
} as const;

export function createQueues(props: { connection: Redis; prefix: string }): Queues {
  const opts = { connection: props.connection, prefix: props.prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS };
  const orders = new Queue<OrderJobs[keyof OrderJobs], unknown, string>(QUEUES.orders, opts);
  const notify = new Queue<NotifyJobs['send'], unknown, string>(QUEUES.notify, opts);
  const all = new Map<string, Queue>([
    [QUEUES.orders, orders as Queue],
    [QUEUES.notify, notify as Queue],
  ]);
  for (const q of all.values()) q.on('error', () => {});
  return {
    orders,
    notify,
    byName: (name) => all.get(name),
    close: async () => {
      await Promise.all([...all.values()].map((q) => q.close()));
    },
  };
}
