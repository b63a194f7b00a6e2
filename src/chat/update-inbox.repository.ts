import type { Db } from '../db/database.js';
import type { ChannelName } from './ports.js';

export interface PendingUpdate {
  updateId: number;
  chatKey: string;
  payload: string;
}

/** Stores an update to handle; false when this update id was stored before (a redelivery). */
export async function acceptUpdate(
  db: Db,
  u: { channel: ChannelName; updateId: number; chatKey: string; payload: string; at: string },
): Promise<boolean> {
  const r = await db
    .insertInto('inbound_updates')
    .values({
      channel: u.channel,
      update_id: u.updateId,
      chat_key: u.chatKey,
      payload: u.payload,
      received_at: u.at,
      claimed_until: null,
      handled_at: null,
    })
    .onConflict((oc) => oc.columns(['channel', 'update_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** Records an update handled on arrival (long polling); false when it was seen before. */
export async function markSeen(
  db: Db,
  channel: ChannelName,
  updateId: number,
  chatKey: string,
  at: string,
): Promise<boolean> {
  const r = await db
    .insertInto('inbound_updates')
    .values({
      channel,
      update_id: updateId,
      chat_key: chatKey,
      payload: null,
      received_at: at,
      claimed_until: null,
      handled_at: at,
    })
    .onConflict((oc) => oc.columns(['channel', 'update_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/**
 * Takes up to `limit` unhandled updates, oldest first, that nobody holds (or whose holder's lease ran out:
 * a process that died mid-update), and holds them until `until`. Several server processes claim from the
 * same table (webhooks on every server, README "More than one machine"):
 * - the update is taken by a conditional write that re-checks it is still free, so that two processes that
 *   read the same free row never both take it (on PostgreSQL the second waits for the first's row lock and
 *   then finds it held; on SQLite the transaction is one writer anyway);
 * - an update is not taken while an earlier update of its chat is held by someone, so that one person's
 *   messages are handled in order even when they arrive through different processes.
 */
export async function claimPending(
  db: Db,
  channel: ChannelName,
  p: { limit: number; now: string; until: string },
): Promise<PendingUpdate[]> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('inbound_updates as u')
      .select(['u.update_id', 'u.chat_key', 'u.payload'])
      .where('u.channel', '=', channel)
      .where('u.handled_at', 'is', null)
      .where((eb) => eb.or([eb('u.claimed_until', 'is', null), eb('u.claimed_until', '<', p.now)]))
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('inbound_updates as e')
              .select('e.update_id')
              .where('e.channel', '=', channel)
              .where('e.handled_at', 'is', null)
              .whereRef('e.chat_key', '=', 'u.chat_key')
              .whereRef('e.update_id', '<', 'u.update_id')
              .where('e.claimed_until', '>=', p.now),
          ),
        ),
      )
      .orderBy('u.update_id')
      .limit(p.limit)
      .execute();
    if (rows.length === 0) return [];
    const taken = await trx
      .updateTable('inbound_updates')
      .set({ claimed_until: p.until })
      .where('channel', '=', channel)
      .where(
        'update_id',
        'in',
        rows.map((r) => r.update_id),
      )
      .where('handled_at', 'is', null)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', p.now)]))
      .returning('update_id')
      .execute();
    const ours = new Set(taken.map((r) => Number(r.update_id)));
    return rows
      .filter((r) => ours.has(Number(r.update_id)))
      .map((r) => ({ updateId: r.update_id, chatKey: r.chat_key, payload: r.payload ?? 'null' }));
  });
}

export async function markHandled(db: Db, channel: ChannelName, updateId: number, at: string): Promise<void> {
  await db
    .updateTable('inbound_updates')
    .set({ handled_at: at, payload: null, claimed_until: null })
    .where('channel', '=', channel)
    .where('update_id', '=', updateId)
    .execute();
}

/** Gives claimed but unhandled updates back (a clean shutdown), so that the next start takes them at once. */
export async function releaseClaims(db: Db, channel: ChannelName, updateIds: readonly number[]): Promise<void> {
  if (updateIds.length === 0) return;
  await db
    .updateTable('inbound_updates')
    .set({ claimed_until: null })
    .where('channel', '=', channel)
    .where('update_id', 'in', [...updateIds])
    .where('handled_at', 'is', null)
    .execute();
}

/** Handled updates older than `before` can go: platforms redeliver within a day. */
export async function pruneHandledUpdates(db: Db, before: string): Promise<number> {
  const r = await db
    .deleteFrom('inbound_updates')
    .where('handled_at', 'is not', null)
    .where('received_at', '<', before)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
