import { runSql, type Db } from '../db/database.js';
import type { ChannelName } from '../chat/ports.js';
import type { NotificationDraft } from '../notify/notification.repository.js';
import { notifyQueueName } from '../notify/notify-queues.js';
import { jobIds, QUEUES } from '../queue/queue-names.js';
import { addManyToOutbox } from './outbox-rows.repository.js';

/**
 * recordNotification (src/notify) for the notices of a whole reserve batch: the same rows, the same
 * dedupe rule (a notice already recorded is skipped, with no second outbox row) and the same routing
 * (the queue of the recipient's most recently linked chat, else the plain notify queue), with three
 * statements for the batch instead of three per notice. Recording notices was more than half of the
 * reserve step's cost. tests/orders/notice-batch.test.ts checks that both record the same thing; the
 * natural home of this function is next to recordNotification.
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
    await runSql<{ id: number; recipient_phone: string }>(
      db,
      `insert into notifications (dedupe_key, recipient_phone, template, params, order_id, created_at)
         select value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, ? from json_each(?) where true
         on conflict (dedupe_key) do nothing
         returning id, recipient_phone`,
      [at, JSON.stringify(rows)],
    )
  ).rows;
  if (inserted.length === 0) return;
  const channels = await currentChannels(db, [...new Set(inserted.map((n) => n.recipient_phone))]);
  // RETURNING gives no order; notices go out in the order they were recorded.
  inserted.sort((a, b) => a.id - b.id);
  await addManyToOutbox(
    db,
    inserted.map((n) => {
      const channel = channels.get(n.recipient_phone);
      return {
        queue: channel ? notifyQueueName(channel) : QUEUES.notify,
        jobName: 'send',
        jobId: jobIds.notify(n.id),
        payload: { notificationId: n.id },
      };
    }),
    at,
  );
}

/** currentChannelOf for many phones: each one's most recently linked chat (ties by channel name). */
async function currentChannels(db: Db, phones: readonly string[]): Promise<Map<string, ChannelName>> {
  const r = await runSql<{ phone: string; channel: ChannelName }>(
    db,
    `select phone, channel from chat_links where phone in (select value from json_each(?))
       order by phone, linked_at desc, channel`,
    [JSON.stringify(phones)],
  );
  const out = new Map<string, ChannelName>();
  for (const row of r.rows) if (!out.has(row.phone)) out.set(row.phone, row.channel);
  return out;
}
