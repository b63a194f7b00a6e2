import { DelayedError, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ChannelName } from '../../chat/ports.js';
import type { Db } from '../../db/database.js';
import type { NotificationDelivery } from '../../notify/delivery.js';
import {
  claimNotification,
  currentChannelOf,
  getNotification,
  releaseNotification,
  setNotificationStatus,
} from '../../notify/notification.repository.js';
import { NOTIFY_QUEUE, notifyQueueName } from '../../notify/notify.jobs.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import { classifySendFailure, retryLater } from '../send-outcome.js';

/** How long a notice waits for a process that has its channel, when it reached one that does not. */
const NOT_HERE_DELAY_MS = 30_000;

/**
 * How long a send may hold its notice. Longer than any send (WhatsApp's pacer may hold a message for
 * minutes in a burst), so that a live sender is never overtaken; a dead one delays its notice this long.
 */
const CLAIM_MS = 10 * 60_000;

/**
 * Sends recorded notifications through the chat layer, paced by BullMQ's (global) rate limiter, so that
 * several worker processes together stay under the platform's limit.
 *
 * With `channel`, it takes from that channel's queue (only a process that has the channel runs it);
 * without, from the plain queue. With `forward`, a notice whose person has (or now has) a chat on another
 * channel is moved to that channel's queue instead of being marked unreachable here.
 */
export function createNotifyWorker(deps: {
  connection: Redis;
  prefix: string;
  db: Db;
  delivery: NotificationDelivery;
  clock: Clock;
  logger: Logger;
  ratePerSecond: number;
  /** Sends at once in this process (default 4). */
  concurrency?: number;
  channel?: ChannelName;
  forward?: (notificationId: number, channel: ChannelName, template: string) => Promise<void>;
}): Worker {
  const queueName = deps.channel ? notifyQueueName(deps.channel) : NOTIFY_QUEUE;
  let warnedNotHere = false;

  /** Moves the notice to the queue of the person's current chat, when that is not this queue. */
  async function forwarded(id: number, phone: string, template: string): Promise<boolean> {
    if (!deps.forward) return false;
    const channel = await currentChannelOf(deps.db, phone);
    if (!channel || channel === deps.channel) return false;
    await deps.forward(id, channel, template);
    return true;
  }

  const worker: Worker = new Worker(
    queueName,
    async (job, token) => {
      const id = (job.data as { notificationId?: unknown })?.notificationId;
      if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw new UnrecoverableError('bad notify payload');
      const n = await getNotification(deps.db, id);
      if (!n) throw new UnrecoverableError(`notification ${id} not found`);
      // A repeated job for a notification that already went out sends nothing.
      if (n.status !== 'queued') return n.status;
      // The plain queue holds notices for people without a chat at the time, and the sweeper's re-sends.
      if (!deps.channel && (await forwarded(id, n.recipient_phone, n.template))) return 'forwarded';
      const at = () => deps.clock.now().toISOString();
      // Another job is sending this notice right now (it was forwarded while that one waited): look again
      // when its claim runs out, so that the notice is sent once, and still sent if that job died.
      // Real time, not the domain clock: a claim coordinates processes, and the simulation's clock runs fast.
      const now = Date.now();
      if (
        !(await claimNotification(deps.db, id, new Date(now).toISOString(), new Date(now + CLAIM_MS).toISOString()))
      ) {
        const again = await getNotification(deps.db, id);
        if (!again || again.status !== 'queued') return again?.status ?? 'gone';
        const wait = again.claimed_until ? new Date(again.claimed_until).getTime() - now : 0;
        await job.moveToDelayed(Date.now() + Math.max(wait, 1000), token);
        throw new DelayedError();
      }
      try {
        const r = await deps.delivery.deliver({
          id: n.id,
          recipientPhone: n.recipient_phone,
          template: n.template,
          params: JSON.parse(n.params) as Record<string, string | number | null>,
          orderId: n.order_id,
        });
        if (r.status === 'unreachable' && deps.channel) {
          // The person moved to another channel since the notice was queued: send it there (unclaimed, so
          // that the job there can take it).
          await releaseNotification(deps.db, id);
          if (await forwarded(id, n.recipient_phone, n.template)) return 'forwarded';
          // Their chat is on this queue's channel, yet this process could not reach it: it does not have the
          // channel (a process started without listing its channels). Another process may; never drop it.
          if ((await currentChannelOf(deps.db, n.recipient_phone)) === deps.channel) {
            if (!warnedNotHere)
              deps.logger.warn(
                { queue: queueName },
                'notify: this process takes from a channel it does not have; pass its channels to startWorkers',
              );
            warnedNotHere = true;
            await job.moveToDelayed(Date.now() + NOT_HERE_DELAY_MS, token);
            throw new DelayedError();
          }
        }
        await setNotificationStatus(
          deps.db,
          id,
          r.status === 'sent' ? { status: 'sent', channel: r.channel, at: at() } : { status: 'unreachable', at: at() },
        );
        return r.status;
      } catch (error) {
        if (error instanceof DelayedError) throw error;
        const failure = classifySendFailure(error);
        if (failure.kind === 'blocked' || failure.kind === 'refused') {
          await setNotificationStatus(deps.db, id, { status: 'failed', error: failure.reason, at: at() });
          return 'failed';
        }
        // Not sent, or perhaps sent (`unknown`): a notice may go twice rather than never. The next attempt (or
        // another job) may claim it at once.
        await releaseNotification(deps.db, id);
        return retryLater(worker, job, error, () =>
          setNotificationStatus(deps.db, id, { status: 'failed', error: failure.reason, at: at() }),
        );
      }
    },
    {
      connection: deps.connection,
      prefix: deps.prefix,
      concurrency: deps.concurrency ?? 4,
      limiter: { max: deps.ratePerSecond, duration: 1000 },
    },
  );
  worker.on('error', (err) => deps.logger.warn({ err: err.message, queue: queueName }, 'notify worker error'));
  return worker;
}
