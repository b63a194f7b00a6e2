import { sql, type Insertable } from 'kysely';
import { CHANNEL_NAMES, type ChannelName } from '../chat/ports.js';
import type { Db } from '../db/database.js';
import { isOneOf } from '../db/portable-sql.js';
import {
  RECIPIENT_STATUSES,
  type BroadcastStatus,
  type BroadcastTable,
  type RecipientStatus,
} from './broadcast.table.js';
import type { RecipientChat } from './recipient-chat.js';

export type { ChannelName };
/** Every channel a broadcast can go out on. */
export const BROADCAST_CHANNELS: readonly ChannelName[] = CHANNEL_NAMES;
export type RecipientCounts = Record<RecipientStatus, number> & { total: number };

export async function getBroadcast(db: Db, id: number) {
  return db.selectFrom('broadcasts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The broadcast created earlier under this dedupe key (an admin's request key, a system job's key), if any. */
export async function findBroadcastByDedupeKey(db: Db, dedupeKey: string) {
  return db.selectFrom('broadcasts').selectAll().where('dedupe_key', '=', dedupeKey).executeTakeFirst();
}

export type NewBroadcast = Pick<
  Insertable<BroadcastTable>,
  | 'kind'
  | 'dedupe_key'
  | 'segment'
  | 'template_id'
  | 'template_en'
  | 'period'
  | 'status'
  | 'send_at'
  | 'created_by'
  | 'created_at'
>;

/** The columns a new broadcast leaves empty until it starts, ends or is cancelled. */
const notYetRun = {
  started_at: null,
  enqueued_at: null,
  finished_at: null,
  cancelled_at: null,
  purged_at: null,
  total: null,
} as const;

/**
 * Inserts a broadcast; undefined when its dedupe key is taken meanwhile (two requests with one key at once: on
 * PostgreSQL both may find no broadcast before either inserts, and the second then waits for the first here).
 */
export async function insertBroadcast(db: Db, b: NewBroadcast) {
  return db
    .insertInto('broadcasts')
    .values({ ...b, ...notYetRun })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Inserts unless a broadcast with the same dedupe key exists: returns the new id, or null. */
export async function insertBroadcastOnce(db: Db, b: NewBroadcast & { dedupe_key: string }): Promise<number | null> {
  const row = await db
    .insertInto('broadcasts')
    .values({ ...b, ...notYetRun })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row ? row.id : null;
}

/** Marks a broadcast `sending` once its recipients are written. */
export async function markBroadcastSending(
  db: Db,
  id: number,
  p: { startedAt: string; total: number; period: string },
): Promise<void> {
  await db
    .updateTable('broadcasts')
    .set({ status: 'sending', started_at: p.startedAt, total: p.total, period: p.period })
    .where('id', '=', id)
    .execute();
}

export async function listBroadcasts(db: Db, p: { limit: number; offset: number }) {
  return db.selectFrom('broadcasts').selectAll().orderBy('id', 'desc').limit(p.limit).offset(p.offset).execute();
}

/** Progress from SQLite, never from the queue: what each recipient's row says. */
export async function recipientCounts(db: Db, broadcastId: number): Promise<RecipientCounts> {
  const rows = await db
    .selectFrom('broadcast_recipients')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('broadcast_id', '=', broadcastId)
    .groupBy('status')
    .execute();
  const out = Object.fromEntries(RECIPIENT_STATUSES.map((s) => [s, 0])) as RecipientCounts;
  out.total = 0;
  for (const r of rows) {
    out[r.status] = Number(r.n);
    out.total += Number(r.n);
  }
  return out;
}

export async function listRecipients(
  db: Db,
  broadcastId: number,
  p: { status?: RecipientStatus; limit: number; offset: number },
) {
  let q = db
    .selectFrom('broadcast_recipients')
    .select(['id', 'phone', 'name', 'channel', 'language', 'status', 'reason', 'updated_at', 'sent_at'])
    .where('broadcast_id', '=', broadcastId);
  if (p.status) q = q.where('status', '=', p.status);
  return q.orderBy('id').limit(p.limit).offset(p.offset).execute();
}

/**
 * Each phone's chats on an enabled channel, most recently linked first, with their language: which one a
 * broadcast uses is the service's rule (recipient-chat.ts). `phones` narrows the read to those people.
 */
export async function chatsByPhone(
  db: Db,
  channels: readonly ChannelName[],
  phones?: readonly string[],
): Promise<Map<string, RecipientChat[]>> {
  const out = new Map<string, RecipientChat[]>();
  if (phones?.length === 0) return out;
  const only = phones === undefined ? sql`` : sql`where ${isOneOf(db, 'l.phone', phones)}`;
  const rows = await sql<{ phone: string; channel: ChannelName; chat_id: string; language: 'id' | 'en' | null }>`
    select l.phone, l.channel, l.chat_id, c.language
    from chat_links l left join conversations c on c.channel = l.channel and c.chat_id = l.chat_id
    ${only}
    order by l.phone, l.linked_at desc, l.channel`.execute(db);
  for (const r of rows.rows) {
    if (!channels.includes(r.channel)) continue;
    const chat: RecipientChat = { channel: r.channel, chatId: r.chat_id, language: r.language === 'en' ? 'en' : 'id' };
    const list = out.get(r.phone);
    if (list) list.push(chat);
    else out.set(r.phone, [chat]);
  }
  return out;
}

export interface RecipientDraft {
  phone: string;
  name: string;
  channel: ChannelName | null;
  chatId: string | null;
  language: 'id' | 'en';
  params: string;
  status: 'queued' | 'failed';
  reason: string | null;
}

export async function insertRecipients(
  db: Db,
  broadcastId: number,
  list: readonly RecipientDraft[],
  at: string,
): Promise<void> {
  // 10 values a row: 400 rows stay far below SQLite's limit of bound variables.
  for (let i = 0; i < list.length; i += 400) {
    await db
      .insertInto('broadcast_recipients')
      .values(
        list.slice(i, i + 400).map((r) => ({
          broadcast_id: broadcastId,
          phone: r.phone,
          name: r.name,
          channel: r.channel,
          chat_id: r.chatId,
          language: r.language,
          params: r.params,
          status: r.status,
          reason: r.reason,
          updated_at: at,
        })),
      )
      .onConflict((oc) => oc.columns(['broadcast_id', 'phone']).doNothing())
      .execute();
  }
}

export async function recipientIdsByStatus(db: Db, broadcastId: number, statuses: readonly RecipientStatus[]) {
  return db
    .selectFrom('broadcast_recipients')
    .select(['id', 'channel', 'status'])
    .where('broadcast_id', '=', broadcastId)
    .where('status', 'in', statuses)
    .orderBy('id')
    .execute();
}

/** A recipient with what its send needs: the broadcast's state and templates. */
export async function recipientToSend(db: Db, id: number) {
  return db
    .selectFrom('broadcast_recipients as r')
    .innerJoin('broadcasts as b', 'b.id', 'r.broadcast_id')
    .select([
      'r.id',
      'r.broadcast_id',
      'r.channel',
      'r.chat_id',
      'r.language',
      'r.params',
      'r.status',
      'b.status as broadcast_status',
      'b.kind',
      'b.template_id',
      'b.template_en',
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

/**
 * Marks a recipient `sending`, only if it is still in one of `from`, still on `channel` (the runner may have
 * moved it to another of the person's chats since the caller read it) and its broadcast is still sending
 * (a cancel in between wins). Returns whether this caller may send.
 */
export async function claimForSending(
  db: Db,
  id: number,
  from: readonly RecipientStatus[],
  channel: ChannelName,
  at: string,
): Promise<boolean> {
  const r = await db
    .updateTable('broadcast_recipients')
    .set({ status: 'sending', updated_at: at })
    .where('id', '=', id)
    .where('status', 'in', from)
    .where('channel', '=', channel)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('broadcasts')
          .select('id')
          .whereRef('broadcasts.id', '=', 'broadcast_recipients.broadcast_id')
          .where('broadcasts.status', '=', 'sending'),
      ),
    )
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function setRecipientStatus(
  db: Db,
  id: number,
  s: { status: RecipientStatus; reason?: string | null; at: string; from?: readonly RecipientStatus[] },
): Promise<boolean> {
  let q = db
    .updateTable('broadcast_recipients')
    .set({
      status: s.status,
      reason: s.reason ?? null,
      updated_at: s.at,
      ...(s.status === 'sent' ? { sent_at: s.at } : {}),
    })
    .where('id', '=', id);
  if (s.from) q = q.where('status', 'in', s.from);
  return Number((await q.executeTakeFirst()).numUpdatedRows) === 1;
}

/** Cancels a broadcast's recipients still `queued`; returns how many it stopped. */
export async function cancelQueuedRecipients(db: Db, broadcastId: number, at: string): Promise<number> {
  const r = await db
    .updateTable('broadcast_recipients')
    .set({ status: 'cancelled', updated_at: at })
    .where('broadcast_id', '=', broadcastId)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** A broadcast's recipients still `queued` on one channel, with their phones (to look up their other chats). */
export async function queuedOnChannel(db: Db, broadcastId: number, channel: ChannelName) {
  return db
    .selectFrom('broadcast_recipients')
    .select(['id', 'phone'])
    .where('broadcast_id', '=', broadcastId)
    .where('status', '=', 'queued')
    .where('channel', '=', channel)
    .orderBy('id')
    .execute();
}

/**
 * Puts a recipient on another chat (channel, chat id and language, as insertRecipients first set them), only
 * while it is still `queued` on `from`: one a worker claimed meanwhile is in flight and stays. Returns whether
 * it moved (a second runner moving the same one gets false).
 */
export async function moveQueuedRecipient(
  db: Db,
  id: number,
  from: ChannelName,
  to: RecipientChat,
  at: string,
): Promise<boolean> {
  const r = await db
    .updateTable('broadcast_recipients')
    .set({ channel: to.channel, chat_id: to.chatId, language: to.language, updated_at: at })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .where('channel', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Fails a broadcast's recipients still `queued` on one channel, in one conditional write (a recipient a
 * worker claimed meanwhile is left alone). Returns the ids this call changed: a second caller gets none.
 */
export async function failQueuedOnChannel(
  db: Db,
  broadcastId: number,
  channel: ChannelName,
  reason: string,
  at: string,
): Promise<number[]> {
  const rows = await db
    .updateTable('broadcast_recipients')
    .set({ status: 'failed', reason, updated_at: at })
    .where('broadcast_id', '=', broadcastId)
    .where('status', '=', 'queued')
    .where('channel', '=', channel)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function setBroadcastStatus(
  db: Db,
  id: number,
  status: BroadcastStatus,
  from: readonly BroadcastStatus[],
  extra: Partial<Record<'send_at' | 'started_at' | 'finished_at' | 'cancelled_at', string>> = {},
): Promise<boolean> {
  const r = await db
    .updateTable('broadcasts')
    .set({ status, ...extra })
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function dueBroadcasts(db: Db, now: string) {
  return db
    .selectFrom('broadcasts')
    .select(['id'])
    .where('status', '=', 'scheduled')
    .where('send_at', '<=', now)
    .orderBy('send_at')
    .execute();
}

export async function runningBroadcasts(db: Db) {
  return db
    .selectFrom('broadcasts')
    .select(['id', 'enqueued_at'])
    .where('status', '=', 'sending')
    .orderBy('id')
    .execute();
}

export async function unpurgedCancelled(db: Db) {
  return db
    .selectFrom('broadcasts')
    .select(['id'])
    .where('status', '=', 'cancelled')
    .where('purged_at', 'is', null)
    .where('started_at', 'is not', null)
    .execute();
}

export async function unfinishedCount(db: Db, broadcastId: number): Promise<number> {
  const r = await db
    .selectFrom('broadcast_recipients')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('broadcast_id', '=', broadcastId)
    .where('status', 'in', ['queued', 'sending'])
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
