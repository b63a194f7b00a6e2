import { parentPort, workerData } from 'node:worker_threads';
import { openDatabaseAt } from '../db/open.js';
import { ImportError } from '../shared/csv.js';
import { ValidationError } from '../shared/errors.js';
import { importRoster, type ImportSummary } from './roster-import.js';

/** What roster-import-runner.ts hands this thread (as workerData). */
export interface RosterImportJob {
  /** The SQLite file, or the PostgreSQL URL (src/db/database-location.ts). */
  database: string;
  csv: string;
  actor: string;
  at: string;
  /** An opd_admin's import: only this OPD's rows. */
  onlyAgencyCode?: string;
}

export type RosterImportResult =
  | { ok: true; summary: ImportSummary }
  | { ok: false; kind: 'rows'; rows: { line: number; reason: string }[] }
  | { ok: false; kind: 'invalid'; message: string; issues: string[] }
  | { ok: false; kind: 'failed'; message: string };

/**
 * One roster import, whole, on its own connection: parsing, checking every row and the one write
 * transaction all happen here, off the server's event loop (50,000 rows held it for 3.9 s, issue 19).
 * On SQLite, while this thread writes, the server's statements that find the database busy wait on its
 * event loop (src/db/busy-wait.ts), so the server keeps answering; on PostgreSQL the thread has one
 * connection of its own beside the server's pool.
 */
async function run(job: RosterImportJob): Promise<RosterImportResult> {
  const handle = openDatabaseAt(job.database, { poolMax: 1 });
  try {
    return {
      ok: true,
      summary: await importRoster(handle.db, job.csv, {
        actor: job.actor,
        at: job.at,
        onlyAgencyCode: job.onlyAgencyCode,
      }),
    };
  } catch (error) {
    if (error instanceof ImportError) return { ok: false, kind: 'rows', rows: [...error.rows] };
    if (error instanceof ValidationError)
      return { ok: false, kind: 'invalid', message: error.message, issues: [...error.issues] };
    return { ok: false, kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  } finally {
    await handle.close();
  }
}

void run((workerData as { data: RosterImportJob }).data).then((result) => parentPort!.postMessage(result));
