import type { Db } from '../db/database.js';
import { runStatement, statement } from '../db/statement.js';
import type { ChannelName } from '../chat/ports.js';
import { addManyToOutbox } from '../outbox/outbox.repository.js';
import { NOTIFY_QUEUE, notifyJobId, notifyQueueName } from './notify.jobs.js';
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
  await recordNotifications(db, [n], at);
}

const RECORD_MANY = statement({
  sqlite: `insert into notifications (dedupe_key, recipient_phone, template, params, order_id, created_at)
    select value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, ? from json_each(?) where true
    on conflict (dedupe_key) do nothing
    returning id, recipient_phone`,
  postgres: `insert into notifications (dedupe_key, recipient_phone, template, params, order_id, created_at)
    select value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, $1 from json_array_elements($2::json)
    on conflict (dedupe_key) do nothing
    returning id, recipient_phone`,
});
const CHANNELS_OF_PHONES = statement({
  sqlite: `select phone, channel from chat_links where phone in (select value from json_each(?))
    order by phone, linked_at desc, channel`,
  postgres: `select phone, channel from chat_links where phone = any(array(select value from json_array_elements_text($1::json)))
    order by phone, linked_at desc, channel`,
});

/**
 * Records many notices (a whole reserve batch's) with three statements for all of them instead of three per
 * notice: recording notices was more than half of the reserve step's cost. A notice already recorded (same
 * dedupe key) is skipped, with no second outbox row.
 */
export async function recordNotifications(db: Db, drafts: readonly NotificationDraft[], at: string): Promise<void> {
  if (drafts.length === 0) return;
  const rows = drafts.map((n) => [
    n.dedupeKey,
    n.recipientPhone,
    n.template,
    JSON.stringify(n.params),
    n.orderId ?? null,
  ]);
  const inserted = (
    await runStatement<{ id: number; recipient_phone: string }>(db, RECORD_MANY, [at, JSON.stringify(rows)])
  ).rows;
  if (inserted.length === 0) return;
  // Routed now, to the queue of the chat it will go out on: only a process that has that channel takes
  // from it (see notify.jobs.ts). Without a chat yet it goes to the plain queue.
  const channels = await currentChannels(db, [...new Set(inserted.map((n) => n.recipient_phone))]);
  // RETURNING gives no order; notices go out in the order they were recorded.
  inserted.sort((a, b) => a.id - b.id);
  await addManyToOutbox(
    db,
    inserted.map((n) => {
      const channel = channels.get(n.recipient_phone);
      return {
        queue: channel ? notifyQueueName(channel) : NOTIFY_QUEUE,
        jobName: 'send',
        jobId: notifyJobId(n.id),
        payload: { notificationId: n.id },
      };
    }),
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

/** currentChannelOf for many phones: each one's most recently linked chat (ties by channel name). */
async function currentChannels(db: Db, phones: readonly string[]): Promise<Map<string, ChannelName>> {
  const r = await runStatement<{ phone: string; channel: ChannelName }>(db, CHANNELS_OF_PHONES, [
    JSON.stringify(phones),
  ]);
  const out = new Map<string, ChannelName>();
  for (const row of r.rows) if (!out.has(row.phone)) out.set(row.phone, row.channel);
  return out;
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
