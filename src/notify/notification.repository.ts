import type { Db } from '../db/database.js';
import type { ChannelName } from '../chat/ports.js';
import { addToOutbox } from '../outbox/outbox.repository.js';
import { jobIds, QUEUES } from '../queue/queue-names.js';
import { notifyQueueName } from './notify-queues.js';
import type { NotificationStatus } from './notification.table.js';

export interface NotificationDraft {
  /** One notification per event and recipient, e.g. `order.new:<orderId>:<phone>`. */
  dedupeKey: string;
  recipientPhone: string;
  template: string;
  params: Record<string, string | number | null>;
  orderId?: string;
}

/**
 * Records a message to send and its outbox row, inside the caller's transaction: if the transaction
 * commits, the message will be sent (at least once to the channel adapter), whatever crashes afterwards.
 */
export async function recordNotification(db: Db, n: NotificationDraft, at: string): Promise<void> {
  const inserted = await db
    .insertInto('notifications')
    .values({
      dedupe_key: n.dedupeKey,
      recipient_phone: n.recipientPhone,
      template: n.template,
      params: JSON.stringify(n.params),
      order_id: n.orderId ?? null,
      created_at: at,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return;
  // Routed now, to the queue of the chat it will go out on: only a process that has that channel takes
  // from it (see notify-queues.ts). Without a chat yet it goes to the plain queue.
  const channel = await currentChannelOf(db, n.recipientPhone);
  const queue = channel ? notifyQueueName(channel) : QUEUES.notify;
  await addToOutbox(
    db,
    { queue, jobName: 'send', jobId: jobIds.notify(inserted.id), payload: { notificationId: inserted.id } },
    at,
  );
}

/**
 * The channel of the person's most recently linked chat, the one the chat layer delivers to (same order as
 * chatLinksOfPhone), or null when they have no chat yet.
 */
export async function currentChannelOf(db: Db, phone: string): Promise<ChannelName | null> {
  const row = await db
    .selectFrom('chat_links')
    .select('channel')
    .where('phone', '=', phone)
    .orderBy('linked_at', 'desc')
    .orderBy('channel')
    .limit(1)
    .executeTakeFirst();
  return row?.channel ?? null;
}

export async function getNotification(db: Db, id: number) {
  return db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Claims a queued notice for sending until `until`. False when it is no longer queued, or another job
 * holds a claim that has not run out.
 */
export async function claimNotification(db: Db, id: number, now: string, until: string): Promise<boolean> {
  const r = await db
    .updateTable('notifications')
    .set({ claimed_until: until })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', now)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Gives a claim back after a send that did not happen (an error that will be retried, a wait). */
export async function releaseNotification(db: Db, id: number): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ claimed_until: null })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .execute();
}

export async function setNotificationStatus(
  db: Db,
  id: number,
  s: { status: NotificationStatus; channel?: string | null; error?: string | null; at: string },
): Promise<void> {
  await db
    .updateTable('notifications')
    .set({
      status: s.status,
      channel: s.channel ?? null,
      error: s.error ?? null,
      sent_at: s.status === 'sent' ? s.at : null,
    })
    .where('id', '=', id)
    .execute();
}

/** The template of each notification id (the dispatcher gives notice jobs their priority by it). */
export async function templatesOf(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('notifications')
    .select(['id', 'template'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.template]));
}

/** Notices to `phone` marked unreachable since `since` (oldest first), with their order's status. */
export async function noticesLeftUnreachable(db: Db, phone: string, since: string) {
  return db
    .selectFrom('notifications as n')
    .leftJoin('orders as o', 'o.id', 'n.order_id')
    .select(['n.id', 'n.template', 'o.status as order_status'])
    .where('n.recipient_phone', '=', phone)
    .where('n.status', '=', 'unreachable')
    .where('n.created_at', '>=', since)
    .orderBy('n.id')
    .execute();
}

/** Puts an unreachable notice back to `queued`; false when it is no longer unreachable. */
export async function requeueNotification(db: Db, id: number): Promise<boolean> {
  const r = await db
    .updateTable('notifications')
    .set({ status: 'queued', error: null, claimed_until: null })
    .where('id', '=', id)
    .where('status', '=', 'unreachable')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Notices still queued since before `before`: their send job may have been lost with Redis (the sweeper). */
export async function queuedNotificationsBefore(db: Db, before: string, limit: number) {
  return db
    .selectFrom('notifications')
    .select(['id', 'template'])
    .where('status', '=', 'queued')
    .where('created_at', '<', before)
    .limit(limit)
    .execute();
}
