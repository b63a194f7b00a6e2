import { sql } from 'kysely';
import type { Db } from './database.js';

/** The subset of better-sqlite3 a ping needs. */
export type RawSqlite = { prepare(sql: string): { get(): unknown } };

/**
 * Whether the database answers `select 1`. Given the raw SQLite connection, it asks it directly (microseconds,
 * synchronous), so that a health check does not wait behind every statement queued on `db`.
 */
export async function pingDatabase(db: Db, raw?: RawSqlite): Promise<'ok' | 'down'> {
  if (raw) {
    try {
      raw.prepare('select 1').get();
      return 'ok';
    } catch {
      return 'down';
    }
  }
  return sql`select 1`.execute(db).then(
    () => 'ok' as const,
    () => 'down' as const,
  );
}
