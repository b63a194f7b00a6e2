import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { CHANNEL_NAMES, type ChannelName } from '../chat/ports.js';
import { DEFAULT_JOB_OPTIONS } from '../queue/queues.js';
import type { NotifyJobs } from '../queue/queue-names.js';

/** Every chat channel that gets its own notify queue. */
export const NOTIFY_CHANNELS: readonly ChannelName[] = CHANNEL_NAMES;

/**
 * One notify queue per channel. A channel's adapter may live in another process (the WhatsApp gateway runs
 * on its own with `--role whatsapp`; the web chat lives in the server's memory), so a notice is put on the
 * queue of the channel it will go out on, and only a process that has that channel takes from it. The
 * plain `notify` queue (src/queue) keeps what has no chat yet and what the sweeper re-sends; its worker
 * forwards what has a chat by then.
 */
export const notifyQueueName = (channel: ChannelName): string => `notify-${channel}`;

export function channelOfNotifyQueue(name: string): ChannelName | null {
  return NOTIFY_CHANNELS.find((c) => notifyQueueName(c) === name) ?? null;
}

export type NotifyQueue = Queue<NotifyJobs['send'], unknown, string>;

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
