import type { ChannelName } from '../chat/ports.js';

/**
 * The jobs a recorded notification emits (through the outbox): one `send` per notice, carrying its id only.
 * The queues, their pace and the worker are in src/jobs.
 */
export interface NotifyJobs {
  send: { notificationId: number };
}

/**
 * The plain notify queue: it keeps what has no chat yet and what the sweeper re-sends; its worker forwards
 * what has a chat by then.
 */
export const NOTIFY_QUEUE = 'notify';

/** Job ids contain no ':' (BullMQ reserves it). */
export const notifyJobId = (notificationId: number) => `notify-${notificationId}`;

/**
 * One notify queue per channel. A channel's adapter may live in another process (the WhatsApp gateway runs
 * on its own with `--role whatsapp`; the web chat lives in the server's memory), so a notice is put on the
 * queue of the channel it will go out on, and only a process that has that channel takes from it.
 */
export const notifyQueueName = (channel: ChannelName): string => `notify-${channel}`;
