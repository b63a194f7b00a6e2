import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { DB } from '../db/schema.js';
import { exportPlan, type ExportFormat, type ExportRequest } from './exports.js';
import { writeExport } from './export-writer.js';

/** What export-runner.ts hands this thread. */
export interface ExportJob {
  databaseFile: string;
  request: ExportRequest;
  format: ExportFormat;
  file: string;
}

export type ExportThreadResult = { ok: true; rows: number } | { ok: false; error: string };

/**
 * A worker thread that writes exports, one at a time, as export-runner.ts hands them over: its own read-only connection (WAL lets it read while the server
 * writes), the query stepped row by row and written as it comes. The server's event loop only waits for the
 * message at the end.
 */
async function run(job: ExportJob): Promise<number> {
  const sqlite = new Database(job.databaseFile, { readonly: true, fileMustExist: true });
  try {
    // A long read must not fail because a writer holds the lock for a moment.
    sqlite.pragma('busy_timeout = 10000');
    // Kysely only compiles here (the plan's SQL and parameters); better-sqlite3 iterates without buffering.
    const compiler = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
    const plan = exportPlan(job.request);
    const compiled = plan.query.compile(compiler);
    const stmt = sqlite.prepare(compiled.sql);
    const raws = stmt.iterate(...(compiled.parameters as unknown[])) as Iterable<object>;
    return await writeExport(
      { file: job.file, format: job.format, sheet: plan.sheet, columns: plan.columns, period: job.request.period },
      plan.rows(raws),
    );
  } finally {
    sqlite.close();
  }
}

parentPort!.on('message', (job: ExportJob) => {
  run(job).then(
    (rows) => parentPort!.postMessage({ ok: true, rows } satisfies ExportThreadResult),
    (error: unknown) =>
      parentPort!.postMessage({
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      } satisfies ExportThreadResult),
  );
});
