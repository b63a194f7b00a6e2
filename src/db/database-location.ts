import { sql } from 'kysely';
import type { Db } from './database.js';
import { dialectOf } from './dialect.js';
import { LocatedPostgresAdapter } from './postgres.js';

/**
 * Where a worker thread opens the main database on its own connection (exports, upload checks, roster
 * imports): the SQLite file, or the PostgreSQL URL that `db`'s pool connects to. '' when there is none: a
 * SQLite database in memory (some tests), or a PostgreSQL Kysely not opened by openPostgres (the work then
 * runs in the process, on `db`).
 */
export async function databaseLocationOf(db: Db): Promise<string> {
  if (dialectOf(db) === 'postgres') {
    const adapter = db.getExecutor().adapter;
    return adapter instanceof LocatedPostgresAdapter ? adapter.url : '';
  }
  const r = await sql<{ name: string; file: string }>`pragma database_list`.execute(db);
  return r.rows.find((x) => x.name === 'main')?.file ?? '';
}
