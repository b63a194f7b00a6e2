import type { Db } from '../db/database.js';
import { databaseLocationOf } from '../db/database-location.js';
import { BusyError, ValidationError } from '../shared/errors.js';
import { startTsWorker } from '../shared/ts-worker.js';
import type { UploadedFile } from './read-table.js';
import { planUpload, type UploadKind, type UploadPlan } from './upload-plan.js';
import type { UploadJob, UploadThreadResult } from './upload-thread.js';

/** Heap of one upload thread (MB): a 10 MB workbook unpacks to a few hundred MB of cell objects at most. */
const UPLOAD_HEAP_MB = 512;

/** More dry runs at once than the machine should parse: try again shortly (503 with Retry-After). */
export class UploadsBusyError extends BusyError {
  constructor() {
    super('unggahan lain sedang diperiksa; coba lagi sebentar lagi', 10);
  }
}

export type UploadPlanner = (kind: UploadKind, file: UploadedFile) => Promise<UploadPlan>;

/**
 * Dry runs off the event loop, `maxRunning` at once (more are refused with UploadsBusyError): each in its
 * own worker thread, on its own connection to the database (the SQLite file, or the PostgreSQL URL of `db`'s
 * pool). Files up to `inlineBytes` (a few hundred rows) are planned here, as the roster import does
 * (roster-import-runner.ts): starting a thread costs more than checking them. So is a SQLite database in
 * memory (some tests): it has no file a thread could open.
 */
export function createUploadPlanner(deps: { db: Db; maxRunning?: number; inlineBytes?: number }): UploadPlanner {
  const maxRunning = deps.maxRunning ?? 2;
  const inlineBytes = deps.inlineBytes ?? 64 * 1024;
  let running = 0;
  let location: Promise<string> | null = null;
  return async (kind, file) => {
    if (running >= maxRunning) throw new UploadsBusyError();
    running++;
    try {
      location ??= databaseLocationOf(deps.db);
      const database = await location;
      return database && file.bytes.length > inlineBytes
        ? await inThread({ database, kind, name: file.name, bytes: file.bytes })
        : await planUpload(deps.db, kind, file);
    } finally {
      running--;
    }
  };
}

function inThread(job: UploadJob): Promise<UploadPlan> {
  const worker = startTsWorker(new URL('./upload-thread.ts', import.meta.url), job, { maxHeapMb: UPLOAD_HEAP_MB });
  return new Promise<UploadPlan>((resolve, reject) => {
    let settled = false;
    worker.once('message', (m: UploadThreadResult) => {
      settled = true;
      void worker.terminate();
      if (m.ok) resolve(m.plan);
      else reject(m.invalid ? new ValidationError(m.error) : new Error(`upload check failed: ${m.error}`));
    });
    worker.once('error', (e) => {
      if (!settled) reject(e);
      settled = true;
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`upload thread exited with ${code}`));
      settled = true;
    });
  });
}
