import { sql } from 'kysely';
import type { Db } from './database.js';
import { dialectOf } from './dialect.js';

/**
 * The file of the main database: what a worker thread opens on its own. '' when there is none a thread could
 * open: a SQLite database in memory (some tests), or PostgreSQL (the work then runs in the process, on the pool).
 */
export async function databaseFileOf(db: Db): Promise<string> {
  if (dialectOf(db) === 'postgres') return '';
  const r = await sql<{ name: string; file: string }>`pragma database_list`.execute(db);
  return r.rows.find((x) => x.name === 'main')?.file ?? '';
}
