import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { BROADCAST_QUEUES, type BroadcastJob } from '../broadcasts/broadcast.jobs.js';
import { CHANNEL_NAMES, type ChannelName } from '../chat/ports.js';
import { NOTIFY_QUEUE, notifyQueueName, type NotifyJobs } from '../notify/notify.jobs.js';
import { ORDER_QUEUE, type OrderJobs } from '../orders/orders.jobs.js';

/**
 * Every queue the service uses and its options, in one place. The domains declare the jobs they emit
 * (payloads and job ids, in their `x.jobs.ts`); this module makes the BullMQ queues for them, each with an
 * explicit `{ connection, prefix }`.
 */
export const QUEUES = {
  orders: ORDER_QUEUE,
  notify: NOTIFY_QUEUE,
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export { BROADCAST_QUEUES };
/** The cron firings (scheduler.ts). */
export const SCHEDULE_QUEUE = 'schedule';

/** Jobs are small and their truth is in SQLite: Redis keeps only a short tail of finished ones. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: { count: 1000 },
  removeOnFail: { count: 5000 },
} as const;

/** Retries are for transient errors; a 429 waits without using an attempt, and truth stays in SQLite. */
export const BROADCAST_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { count: 1000 },
  removeOnFail: { count: 5000 },
} as const;

/** A firing that fails is tried again a little later; its run is idempotent per day (scheduled-jobs.ts). */
export const SCHEDULE_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 5000 },
  removeOnComplete: { count: 100 },
  removeOnFail: { count: 100 },
} as const;

export interface Queues {
  orders: Queue<OrderJobs[keyof OrderJobs], unknown, string>;
  notify: Queue<NotifyJobs['send'], unknown, string>;
  byName(name: string): Queue | undefined;
  close(): Promise<void>;
}

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

/** Every chat channel that gets its own notify queue (notify.jobs.ts says why). */
export const NOTIFY_CHANNELS: readonly ChannelName[] = CHANNEL_NAMES;

export function channelOfNotifyQueue(name: string): ChannelName | null {
  return NOTIFY_CHANNELS.find((c) => notifyQueueName(c) === name) ?? null;
}

export type NotifyQueue = Queue<NotifyJobs['send'], unknown, string>;

/** The per-channel notify queues (notify.jobs.ts says why a notice goes on its channel's queue). */
export interface NotifyQueues {
  forChannel(channel: ChannelName): NotifyQueue;
  byName(name: string): Queue | undefined;
  all(): readonly NotifyQueue[];
  close(): Promise<void>;
}

export function createNotifyQueues(props: { connection: Redis; prefix: string }): NotifyQueues {
  const opts = { connection: props.connection, prefix: props.prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS };
  const queues = new Map<ChannelName, NotifyQueue>();
  for (const channel of NOTIFY_CHANNELS) {
    const q: NotifyQueue = new Queue<NotifyJobs['send'], unknown, string>(notifyQueueName(channel), opts);
    // Failures surface through the calls that fail (the outbox keeps its rows); an 'error' event must not crash.
    q.on('error', () => {});
    queues.set(channel, q);
  }
  return {
    forChannel: (channel) => queues.get(channel)!,
    byName: (name) => {
      const channel = channelOfNotifyQueue(name);
      return channel ? (queues.get(channel) as Queue) : undefined;
    },
    all: () => [...queues.values()],
    close: async () => {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}

/**
 * Puts a still-queued notification's job on a queue unless it is waiting there already; a job that
 * exhausted its retries is retried. A completed job there is stale (it forwarded the notice elsewhere, and
 * the person has since come back to this channel), so a new one is added. Returns whether anything was queued.
 * `priority`: noticePriority of the notice's template (notice-priority.ts).
 */
export async function ensureNotifyJob(
  queue: Queue,
  notificationId: number,
  jobId: string,
  priority: number,
): Promise<boolean> {
  const existing = await queue.getJob(jobId);
  if (existing) {
    if (await existing.isFailed()) {
      await existing.retry();
      return true;
    }
    if (await existing.isCompleted()) {
      await queue.add('send', { notificationId }, { jobId: `${jobId}-${Date.now().toString(36)}`, priority });
      return true;
    }
    return false;
  }
  await queue.add('send', { notificationId }, { jobId, priority });
  return true;
}

export type BroadcastQueues = Record<ChannelName, Queue<BroadcastJob, unknown, string>>;

export function createBroadcastQueues(p: {
  connection: Redis;
  prefix: string;
}): BroadcastQueues & { close(): Promise<void> } {
  const make = (name: string) => {
    const q = new Queue<BroadcastJob, unknown, string>(name, {
      connection: p.connection,
      prefix: p.prefix,
      defaultJobOptions: BROADCAST_JOB_OPTIONS,
    });
    q.on('error', () => {});
    return q;
  };
  const queues = {
    telegram: make(BROADCAST_QUEUES.telegram),
    whatsapp: make(BROADCAST_QUEUES.whatsapp),
    web: make(BROADCAST_QUEUES.web),
  };
  return { ...queues, close: async () => void (await Promise.all(Object.values(queues).map((q) => q.close()))) };
}
