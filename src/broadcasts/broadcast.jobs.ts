import type { ChannelName } from './broadcast.repository.js';

/**
 * One queue per channel, so that each has its own rate limit (BullMQ's limiter is per queue and global
 * across worker processes). Jobs carry a recipient id only; job ids contain no ':' (BullMQ reserves it).
 * The queues, their options, the runner and the worker are in src/jobs.
 */
export const BROADCAST_QUEUES: Readonly<Record<ChannelName, string>> = {
  telegram: 'broadcast-telegram',
  whatsapp: 'broadcast-whatsapp',
  web: 'broadcast-web',
};

export interface BroadcastJob {
  recipientId: number;
}

export const broadcastJobId = (recipientId: number) => `bc-${recipientId}`;

/**
 * A channel no process serves (no heartbeat, src/jobs/channel-heartbeat.ts) for this long, while a broadcast runs,
 * moves that broadcast's recipients still queued on it to another of their chats on a live channel, and
 * fails those without one with reason `channel_offline`: the broadcast can end and the admin sees why. A
 * gateway restart, or a WhatsApp session re-paired, takes less.
 */
export const OFFLINE_GRACE_MS = 10 * 60_000;
export const CHANNEL_OFFLINE = 'channel_offline';
