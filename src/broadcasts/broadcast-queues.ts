import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ChannelName } from './broadcast.repository.js';

/**
 * One queue per channel, so that each has its own rate limit (BullMQ's limiter is per queue and global
 * across worker processes). Jobs carry a recipient id only; job ids contain no ':' (BullMQ reserves it).
 */
export const BROADCAST_QUEUES: Readonly<Record<ChannelName, string>> = {
  telegram: 'broadcast-telegram',
  whatsapp: 'broadcast-whatsapp',
  web: 'broadcast-web',
};
export const SCHEDULE_QUEUE = 'schedule';

export interface BroadcastJob {
  recipientId: number;
}

export const broadcastJobId = (recipientId: number) => `bc-${recipientId}`;

/** Retries are for transient errors; a 429 waits without using an attempt, and truth stays in SQLite. */
export const BROADCAST_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { count: 1000 },
  removeOnFail: { count: 5000 },
} as const;

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
