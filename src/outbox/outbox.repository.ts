import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import { dialectOf } from '../db/dialect.js';
import { runStatement, statement } from '../db/statement.js';
import type { OutboxTable } from './outbox.table.js';

export interface OutboxMessage {
  queue: string;
  jobName: string;
  jobId: string;
  payload: object;
  /** For delayed jobs (reminders, timeouts). */
  delayUntil?: Date;
}

const ADD_MANY = statement({
  sqlite: `insert into outbox (queue, job_name, job_id, payload, delay_until, created_at)
    select value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, ? from json_each(?) where true
    on conflict (job_id) do nothing`,
  postgres: `insert into outbox (queue, job_name, job_id, payload, delay_until, created_at)
    select value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, $1 from json_array_elements($2::json)
    on conflict (job_id) do nothing`,
});
const MARK_DISPATCHED = statement({
  sqlite: 'update outbox set dispatched_at = ? where id in (select value from json_each(?))',
  postgres:
    'update outbox set dispatched_at = $1 where id = any(array(select value::bigint from json_array_elements_text($2::json)))',
});

/** Writes the message inside the caller's transaction; the dispatcher moves it onto BullMQ afterwards. */
export async function addToOutbox(db: Db, m: OutboxMessage, at: string): Promise<void> {
  await addManyToOutbox(db, [m], at);
}

/**
 * Writes messages inside the caller's transaction, with one statement for any number of them: placing and
 * reserving write rows for every order of a batch, and that is the hot path of the pipeline. The same job
 * written twice (a retried transition) stays one row.
 */
export async function addManyToOutbox(db: Db, messages: readonly OutboxMessage[], at: string): Promise<void> {
  if (messages.length === 0) return;
  const rows = messages.map((m) => [
    m.queue,
    m.jobName,
    m.jobId,
    JSON.stringify(m.payload),
    m.delayUntil?.toISOString() ?? null,
  ]);
  await runStatement(db, ADD_MANY, [at, JSON.stringify(rows)]);
}

export async function pendingOutbox(db: Db, limit: number) {
  return db.selectFrom('outbox').selectAll().where('dispatched_at', 'is', null).orderBy('id').limit(limit).execute();
}

export type OutboxRow = Selectable<OutboxTable>;

/**
 * Hands up to `limit` pending rows to `send`, which moves them onto their queues and marks them (through the
 * `db` it is given). On PostgreSQL the rows are locked for the while (`for update skip locked`, in a
 * transaction), so that every process's dispatcher takes rows no other one is sending: without it the server
 * and each worker read the same rows, and each row went to Redis about twice. On SQLite, where the lock would
 * be the file's one write lock held across a Redis call, the rows are read as they are (a second dispatch is
 * harmless: the same job id).
 */
export async function withPendingOutbox<T>(
  db: Db,
  limit: number,
  send: (db: Db, rows: OutboxRow[]) => Promise<T>,
): Promise<T> {
  if (dialectOf(db as never) !== 'postgres') return send(db, await pendingOutbox(db, limit));
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('outbox')
      .selectAll()
      .where('dispatched_at', 'is', null)
      .orderBy('id')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    return send(trx, rows);
  });
}

/**
 * One statement text for any number of rows (the list as JSON): every flush marks a batch of a different
 * size, and an `in (?, ?, …)` list of each size was compiled and prepared anew.
 */
export async function markDispatched(db: Db, ids: readonly number[], at: string): Promise<void> {
  if (ids.length === 0) return;
  await runStatement(db, MARK_DISPATCHED, [at, JSON.stringify(ids)]);
}

/** Dispatched rows are kept a while for the sweeper; this trims the old ones. */
export async function deleteDispatchedBefore(db: Db, before: string): Promise<number> {
  const r = await db.deleteFrom('outbox').where('dispatched_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
