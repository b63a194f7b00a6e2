import { runSql, type Db } from '../db/database.js';
import type { OutboxMessage } from '../outbox/outbox.repository.js';

/**
 * Outbox rows for a batch with one statement: the same row and the same "a job written twice stays one
 * row" rule as addToOutbox, which writes one row per statement. Here because placing and reserving write
 * rows for every order of a batch, and that is the hot path of the pipeline.
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
  await runSql(
    db,
    `insert into outbox (queue, job_name, job_id, payload, delay_until, created_at)
       select value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, ? from json_each(?) where true
       on conflict (job_id) do nothing`,
    [at, JSON.stringify(rows)],
  );
}
