import type { Db } from '../db/database.js';

/**
 * The runner's marks on a broadcast (src/jobs/broadcast-runner.ts): its recipients' jobs were put on the
 * queues, or the jobs of a cancelled one were removed. Each is written once, after the Redis calls.
 */
export async function markEnqueued(db: Db, broadcastId: number, at: string): Promise<void> {
  await db
    .updateTable('broadcasts')
    .set({ enqueued_at: at })
    .where('id', '=', broadcastId)
    .where('enqueued_at', 'is', null)
    .execute();
}

export async function markPurged(db: Db, broadcastId: number, at: string): Promise<void> {
  await db.updateTable('broadcasts').set({ purged_at: at }).where('id', '=', broadcastId).execute();
}
