import { sql } from 'kysely';
import type { Db } from './database.js';

/** The file of the main database ('' for a database in memory): what a worker thread opens on its own. */
export async function databaseFileOf(db: Db): Promise<string> {
  const r = await sql<{ name: string; file: string }>`pragma database_list`.execute(db);
  return r.rows.find((x) => x.name === 'main')?.file ?? '';
}
