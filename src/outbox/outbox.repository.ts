import { runSql, type Db } from '../db/database.js';

export interface OutboxMessage {
  queue: string;
  jobName: string;
  jobId: string;
  payload: object;
  /** For delayed jobs (reminders, timeouts). */
  delayUntil?: Date;
}

/** Writes the message inside the caller's transaction; the dispatcher moves it onto BullMQ afterwards. */
export async function addToOutbox(db: Db, m: OutboxMessage, at: string): Promise<void> {
  await db
    .insertInto('outbox')
    .values({
      queue: m.queue,
      job_name: m.jobName,
      job_id: m.jobId,
      payload: JSON.stringify(m.payload),
      delay_until: m.delayUntil?.toISOString() ?? null,
      created_at: at,
    })
    // The same job written twice (a retried transition) stays one row.
    .onConflict((oc) => oc.column('job_id').doNothing())
    .execute();
}

export async function pendingOutbox(db: Db, limit: number) {
  return db.selectFrom('outbox').selectAll().where('dispatched_at', 'is', null).orderBy('id').limit(limit).execute();
}

/**
 * One statement text for any number of rows (the list as JSON): every flush marks a batch of a different
 * size, and an `in (?, ?, …)` list of each size was compiled and prepared anew.
 */
export async function markDispatched(db: Db, ids: readonly number[], at: string): Promise<void> {
  if (ids.length === 0) return;
  await runSql(db, 'update outbox set dispatched_at = ? where id in (select value from json_each(?))', [
    at,
    JSON.stringify(ids),
  ]);
}

/** Dispatched rows are kept a while for the sweeper; this trims the old ones. */
export async function deleteDispatchedBefore(db: Db, before: string): Promise<number> {
  const r = await db.deleteFrom('outbox').where('dispatched_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
