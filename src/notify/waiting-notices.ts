import type { Db } from '../db/database.js';
import { addToOutbox } from '../outbox/outbox.repository.js';
import { currentChannelOf, noticesLeftUnreachable, requeueNotification } from './notification.repository.js';
import { notifyJobId, notifyQueueName } from './notify.jobs.js';

/** Older notices are history by now: a new order from three weeks ago has long expired. */
export const WAITING_NOTICE_DAYS = 7;

/** Notices that ask for an answer the order can no longer take, once the order has moved on. */
const ASKS_WHILE_RESERVED = new Set(['order.new', 'order.reminder']);

/**
 * A person who just linked a chat gets what was recorded for them while they had none (stored `unreachable`):
 * a shopkeeper who opens the chat for the first time finds the orders waiting for them. A new-order notice
 * whose order was answered or expired meanwhile is left out: its "balas 1" would answer nothing. Returns
 * how many were queued again (through the outbox, like any notice).
 */
export async function sendWaitingNotices(db: Db, p: { phone: string; now: Date }): Promise<number> {
  const since = new Date(p.now.getTime() - WAITING_NOTICE_DAYS * 86_400_000).toISOString();
  const at = p.now.toISOString();
  return db.transaction().execute(async (trx) => {
    const channel = await currentChannelOf(trx, p.phone);
    if (!channel) return 0;
    let queued = 0;
    for (const n of await noticesLeftUnreachable(trx, p.phone, since)) {
      if (ASKS_WHILE_RESERVED.has(n.template) && n.order_status !== 'reserved') continue;
      if (!(await requeueNotification(trx, n.id))) continue;
      // A job id of its own: the notice's first job (which found no chat) may still be kept by BullMQ.
      const jobId = `${notifyJobId(n.id)}-linked-${p.now.getTime().toString(36)}`;
      await addToOutbox(
        trx,
        { queue: notifyQueueName(channel), jobName: 'send', jobId, payload: { notificationId: n.id } },
        at,
      );
      queued++;
    }
    return queued;
  });
}
