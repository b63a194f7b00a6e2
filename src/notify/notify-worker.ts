import { UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Db } from '../db/database.js';
import { QUEUES } from '../queue/queue-names.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import { isPermanentSendError, retryAfterSeconds, type NotificationDelivery } from './delivery.js';
import { getNotification, setNotificationStatus } from './notification.repository.js';

/**
 * Sends recorded notifications through the chat layer, paced by BullMQ's (global) rate limiter, so that
 * several worker processes together stay under the platform's limit.
 */
export function createNotifyWorker(deps: {
  connection: Redis;
  prefix: string;
  db: Db;
  delivery: NotificationDelivery;
  clock: Clock;
  logger: Logger;
  ratePerSecond: number;
}): Worker {
  const worker: Worker = new Worker(
    QUEUES.notify,
    async (job) => {
      const id = (job.data as { notificationId?: unknown })?.notificationId;
      if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw new UnrecoverableError('bad notify payload');
      const n = await getNotification(deps.db, id);
      if (!n) throw new UnrecoverableError(`notification ${id} not found`);
      // A repeated job for a notification that already went out sends nothing.
      if (n.status !== 'queued') return n.status;
      const at = () => deps.clock.now().toISOString();
      try {
        const r = await deps.delivery.deliver({
          id: n.id,
          recipientPhone: n.recipient_phone,
          template: n.template,
          params: JSON.parse(n.params) as Record<string, string | number | null>,
          orderId: n.order_id,
        });
        await setNotificationStatus(deps.db, id, r.status === 'sent' ? { status: 'sent', channel: r.channel, at: at() } : { status: 'unreachable', at: at() });
        return r.status;
      } catch (error) {
        if (isPermanentSendError(error)) {
          await setNotificationStatus(deps.db, id, { status: 'failed', error: String((error as Error).message).slice(0, 300), at: at() });
          return 'failed';
        }
        const wait = retryAfterSeconds(error);
        if (wait) {
          // The platform said how long to wait: pause the whole queue, not just this job.
          await worker.rateLimit(wait * 1000);
          throw Worker.RateLimitError();
        }
        if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
          await setNotificationStatus(deps.db, id, { status: 'failed', error: String((error as Error).message).slice(0, 300), at: at() });
        }
        throw error;
      }
    },
    {
      connection: deps.connection,
      prefix: deps.prefix,
      concurrency: 4,
      limiter: { max: deps.ratePerSecond, duration: 1000 },
    },
  );
  worker.on('error', (err) => deps.logger.warn({ err: err.message }, 'notify worker error'));
  return worker;
}
