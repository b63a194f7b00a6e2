import type { Db } from '../db/database.js';
import { databaseLocationOf } from '../db/database-location.js';
import { ImportError } from '../shared/csv.js';
import { BusyError, ValidationError } from '../shared/errors.js';
import { createSlots } from '../shared/slots.js';
import { startTsWorker } from '../shared/ts-worker.js';
import { importRoster, type ImportSummary } from './roster-import.js';
import type { RosterImportJob, RosterImportResult } from './roster-import-thread.js';

/**
 * A file this small (about 500 rows, some tens of ms of work) is imported here: starting a thread costs more
 * than it would spare the loop.
 */
const INLINE_CHARS = 64 * 1024;

/** More roster imports asked for than run and wait at once. */
export class ImportsBusyError extends BusyError {
  constructor(retryAfterSec: number) {
    super('impor lain sedang berjalan; coba lagi sebentar lagi', retryAfterSec);
  }
}

export interface RosterImportRunner {
  /** importRoster's result and errors (ImportError, ValidationError), or ImportsBusyError at once. */
  run(csv: string, props: { actor: string; at: string; onlyAgencyCode?: string }): Promise<ImportSummary>;
}

/**
 * Roster imports off the event loop, one at a time (they write one transaction each: two at once would only
 * wait for each other), a few waiting; more get ImportsBusyError (503, Retry-After). Each import runs in a
 * thread of its own (roster-import-thread.ts), on its own connection (the SQLite file, or the PostgreSQL URL
 * of `db`'s pool), started for it and gone after: imports are rare, and a finished thread gives its memory
 * (the file, 50,000 records) back. A small file, or a SQLite database in memory (some tests: no file a
 * thread could open), is imported here.
 */
export function createRosterImportRunner(deps: {
  db: Db;
  maxRunning?: number;
  maxWaiting?: number;
  inlineChars?: number;
}): RosterImportRunner {
  const inlineChars = deps.inlineChars ?? INLINE_CHARS;
  const slots = createSlots({
    maxRunning: deps.maxRunning ?? 1,
    maxWaiting: deps.maxWaiting ?? 2,
    busy: () => new ImportsBusyError(30),
  });
  let location: Promise<string> | null = null;
  return {
    async run(csv, props) {
      const release = await slots.take();
      try {
        location ??= databaseLocationOf(deps.db);
        const database = await location;
        if (!database || csv.length <= inlineChars) return await importRoster(deps.db, csv, props);
        return unwrap(await inThread({ database, csv, ...props }));
      } finally {
        release();
      }
    },
  };
}

function unwrap(r: RosterImportResult): ImportSummary {
  if (r.ok) return r.summary;
  if (r.kind === 'rows') throw new ImportError(r.rows);
  if (r.kind === 'invalid') throw new ValidationError(r.message, r.issues);
  throw new Error(`roster import failed: ${r.message}`);
}

function inThread(job: RosterImportJob): Promise<RosterImportResult> {
  // The file and its records (a few hundred bytes a row) fit well under this; a runaway one stops here.
  const worker = startTsWorker(new URL('./roster-import-thread.ts', import.meta.url), job, { maxHeapMb: 512 });
  return new Promise<RosterImportResult>((resolve, reject) => {
    let settled = false;
    worker.once('message', (m: RosterImportResult) => {
      settled = true;
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`roster import thread exited with ${code}`));
    });
  });
}
