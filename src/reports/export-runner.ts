import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../db/database.js';
import { BusyError, ValidationError } from '../shared/errors.js';
import { createSlots } from '../shared/slots.js';
import { databaseLocationOf } from '../db/database-location.js';
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../shared/ts-worker.js';
import { writeExport } from './export-writer.js';
import type { ExportJob, ExportThreadResult } from './export-thread.js';
import { exportPlan, type ExportFormat, type ExportRequest } from './exports.js';

/** Heap of one export thread (MB). */
const EXPORT_HEAP_MB = 64;

/** More exports asked for than run and wait at once: try again shortly. */
export class ExportsBusyError extends BusyError {
  constructor(retryAfterSec: number) {
    super('ekspor lain sedang dibuat; coba lagi sebentar lagi', retryAfterSec);
  }
}

export interface ExportFile {
  /** File name for the download, with extension. */
  name: string;
  path: string;
  rows: number;
  /** Removes the file (after it was sent). */
  cleanup(): Promise<void>;
}

export interface ExportRunner {
  run(request: ExportRequest, format: ExportFormat): Promise<ExportFile>;
}

/**
 * Exports off the event loop, a few at a time (issue 19: four compliance exports at once stalled /healthz
 * for 40 s at 3.2 GB). Each runs in a worker thread (export-thread.ts) that streams the query into a
 * temporary file; the route then streams the file. The thread opens the database itself: the SQLite file,
 * or the PostgreSQL URL of `db`'s pool. At most `maxRunning` run and `maxWaiting` wait; more get
 * ExportsBusyError (503 with Retry-After). A SQLite database in memory (some tests) has no file a thread
 * could open: those run here, still streamed to a file.
 */
export function createExportRunner(deps: { db: Db; maxRunning?: number; maxWaiting?: number }): ExportRunner {
  const { db } = deps;
  const slots = createSlots({
    maxRunning: deps.maxRunning ?? 2,
    maxWaiting: deps.maxWaiting ?? 4,
    busy: () => new ExportsBusyError(10),
  });
  let location: Promise<string> | null = null;

  return {
    async run(request, format) {
      const release = await slots.take();
      const dir = await mkdtemp(join(tmpdir(), 'peken-export-'));
      const cleanup = () => rm(dir, { recursive: true, force: true });
      try {
        const plan = exportPlan(request);
        if (format === 'pdf' && !plan.pdf)
          throw new ValidationError(`${request.kind} tidak tersedia sebagai PDF; PDF hanya untuk spj (rekap per OPD)`);
        const path = join(dir, `export.${format}`);
        location ??= databaseLocationOf(db);
        const database = await location;
        const rows = database
          ? await inThread({ database, request, format, file: path })
          : await writeExport(
              { file: path, format, sheet: plan.sheet, columns: plan.columns, period: request.period },
              plan.rows((await plan.query.execute(db)).rows),
            );
        return { name: `${plan.name}.${format}`, path, rows, cleanup };
      } catch (error) {
        await cleanup();
        throw error;
      } finally {
        release();
      }
    },
  };
}

/**
 * The threads that write exports, started when first needed and kept (a thread costs tens of MB and a
 * second or two to start, the same for every export, so a kept one makes the cost fixed instead of per
 * export); one that has been idle for IDLE_MS ends. At most one job per thread at a time (the runner's slots).
 */
const IDLE_MS = 5 * 60_000;
const idle: Array<{ worker: Worker; timer: NodeJS.Timeout }> = [];

function takeThread(): Worker {
  const kept = idle.pop();
  if (kept) {
    clearTimeout(kept.timer);
    return kept.worker;
  }
  // A streaming export needs little heap; the cap keeps one that does not stream from taking the machine.
  const worker = startTsWorker(new URL('./export-thread.ts', import.meta.url), null, { maxHeapMb: EXPORT_HEAP_MB });
  // A kept thread must not keep the process alive at shutdown.
  worker.unref();
  return worker;
}

function giveBack(worker: Worker): void {
  const timer = setTimeout(() => {
    const i = idle.findIndex((x) => x.worker === worker);
    if (i >= 0) idle.splice(i, 1);
    void worker.terminate();
  }, IDLE_MS);
  timer.unref();
  idle.push({ worker, timer });
}

function inThread(job: ExportJob): Promise<number> {
  const worker = takeThread();
  return new Promise<number>((resolve, reject) => {
    const onMessage = (m: ExportThreadResult) => {
      done();
      giveBack(worker);
      if (m.ok) resolve(m.rows);
      else reject(new Error(`export failed: ${m.error}`));
    };
    // A thread that died (out of its heap) is not given back.
    const onError = (e: Error) => {
      done();
      reject(e);
    };
    const onExit = (code: number) => {
      done();
      reject(new Error(`export thread exited with ${code}`));
    };
    const done = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    worker.postMessage(job);
  });
}
