import { sql } from 'kysely';
import type { Db } from '../db/database.js';

export async function insertLoginCode(
  db: Db,
  c: { adminId: number; codeHash: string; at: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('admin_login_codes')
    .values({ admin_id: c.adminId, code_hash: c.codeHash, created_at: c.at, expires_at: c.expiresAt })
    .execute();
}

/** Codes of the admin not used and not expired at `now`. */
export async function liveLoginCodes(db: Db, adminId: number, now: string) {
  return db
    .selectFrom('admin_login_codes')
    .select(['id', 'code_hash'])
    .where('admin_id', '=', adminId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .execute();
}

/** Marks a code used; false when it was already used (a second request with the same code lost the race). */
export async function useLoginCode(db: Db, id: number, at: string): Promise<boolean> {
  const r = await db
    .updateTable('admin_login_codes')
    .set({ used_at: at })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Ends every open code of the admin (a new code replaces the old; too many wrong guesses void them). */
export async function voidLoginCodes(db: Db, adminId: number, at: string): Promise<void> {
  await db
    .updateTable('admin_login_codes')
    .set({ used_at: at })
    .where('admin_id', '=', adminId)
    .where('used_at', 'is', null)
    .execute();
}

/**
 * Counts one attempt on `key` in a fixed window and returns the count in the current window. One statement
 * (an upsert that reads the row it updates), so that concurrent requests never both see the same count: a
 * read and then a write in a transaction did that on SQLite, whose writers take turns, but not on
 * PostgreSQL, where two processes could both read 4 and both write 5.
 */
export async function countAttempt(
  db: Db,
  key: string,
  now: string,
  windowStartAfter: string,
): Promise<{ count: number; windowStart: string }> {
  // A window that ran out starts again with this attempt; otherwise the attempt adds to it.
  const expired = sql<boolean>`login_throttle.window_start <= ${windowStartAfter}`;
  const row = await db
    .insertInto('login_throttle')
    .values({ key, window_start: now, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        window_start: sql`case when ${expired} then excluded.window_start else login_throttle.window_start end`,
        count: sql`case when ${expired} then 1 else login_throttle.count + 1 end`,
      }),
    )
    .returning(['window_start', 'count'])
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), windowStart: row.window_start };
}

/** The count on `key` in the current window, without counting. */
export async function attemptsIn(
  db: Db,
  key: string,
  windowStartAfter: string,
): Promise<{ count: number; windowStart: string } | null> {
  const row = await db
    .selectFrom('login_throttle')
    .select(['window_start', 'count'])
    .where('key', '=', key)
    .executeTakeFirst();
  return row && row.window_start > windowStartAfter ? { count: row.count, windowStart: row.window_start } : null;
}

/** Old windows: nothing reads them any more. */
export async function pruneAttempts(db: Db, before: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('window_start', '<', before).execute();
}
