import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { isDatabaseUrl } from '../db/open.js';
import { openPostgres } from '../db/postgres.js';
import type { DB } from '../db/schema.js';
import { ValidationError } from '../shared/errors.js';
import { planUpload, type UploadKind, type UploadPlan } from './upload-plan.js';

/** What upload-planner.ts hands this thread. */
export interface UploadJob {
  /** The SQLite file, or the PostgreSQL URL (src/db/database-location.ts). */
  database: string;
  kind: UploadKind;
  name: string;
  bytes: Uint8Array;
}

export type UploadThreadResult = { ok: true; plan: UploadPlan } | { ok: false; invalid: boolean; error: string };

/**
 * One upload's dry run in its own thread: parsing a 13,000-row workbook and checking every row takes
 * seconds of CPU that must not stall the server's event loop. The thread reads the database on its own
 * read-only connection and ends after answering.
 */
async function run(job: UploadJob): Promise<UploadPlan> {
  const reader = openReader(job.database);
  try {
    return await planUpload(reader.db, job.kind, { name: job.name, bytes: job.bytes });
  } finally {
    await reader.close();
  }
}

/** SQLite read-only (WAL lets it read while the server writes), or one read-only PostgreSQL connection. */
function openReader(database: string): { db: Kysely<DB>; close(): Promise<void> } {
  if (isDatabaseUrl(database))
    return openPostgres({ url: database, max: 1, readOnly: true, name: 'peken upload check' });
  const sqlite = new Database(database, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 10000');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, close: () => db.destroy() };
}

const job = (workerData as { data: UploadJob }).data;
run(job).then(
  (plan) => parentPort!.postMessage({ ok: true, plan } satisfies UploadThreadResult),
  (error: unknown) =>
    parentPort!.postMessage({
      ok: false,
      invalid: error instanceof ValidationError,
      error: error instanceof Error ? error.message : String(error),
    } satisfies UploadThreadResult),
);
