import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import Cursor from 'pg-cursor';
import { isDatabaseUrl } from '../db/open.js';
import { openPostgres } from '../db/postgres.js';
import type { DB } from '../db/schema.js';
import { exportPlan, type ExportFormat, type ExportPlan, type ExportRequest } from './exports.js';
import { writeExport, type ExportSink } from './export-writer.js';

/** What export-runner.ts hands this thread. */
export interface ExportJob {
  /** The SQLite file, or the PostgreSQL URL (src/db/database-location.ts). */
  database: string;
  request: ExportRequest;
  format: ExportFormat;
  file: string;
}

export type ExportThreadResult = { ok: true; rows: number } | { ok: false; error: string };

/**
 * Rows fetched from a PostgreSQL cursor at a time: a few hundred kB, whatever the export's size; more rows
 * per fetch gain little (130 round trips for 130,000 rows).
 */
const BATCH_ROWS = 1000;

/**
 * A worker thread that writes exports, one at a time, as export-runner.ts hands them over, on a connection of
 * its own: the query runs and is written as its rows come, and the server's event loop only waits for the
 * message at the end.
 */
async function run(job: ExportJob): Promise<number> {
  const plan = exportPlan(job.request);
  const sink = {
    file: job.file,
    format: job.format,
    sheet: plan.sheet,
    columns: plan.columns,
    period: job.request.period,
  };
  return isDatabaseUrl(job.database) ? fromPostgres(job.database, plan, sink) : fromSqlite(job.database, plan, sink);
}

/** SQLite: a read-only connection (WAL lets it read while the server writes), the statement stepped row by row. */
async function fromSqlite(file: string, plan: ExportPlan, sink: ExportSink): Promise<number> {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    // A long read must not fail because a writer holds the lock for a moment.
    sqlite.pragma('busy_timeout = 10000');
    // Kysely only compiles here (the plan's SQL and parameters); better-sqlite3 iterates without buffering.
    const compiler = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
    const compiled = plan.query.compile(compiler);
    const stmt = sqlite.prepare(compiled.sql);
    return await writeExport(sink, plan.rows(stmt.iterate(...(compiled.parameters as unknown[])) as Iterable<object>));
  } finally {
    sqlite.close();
  }
}

/**
 * PostgreSQL: one read-only connection, the same query compiled for PostgreSQL and read through a server-side
 * cursor (pg-cursor: the protocol's portal, fetched BATCH_ROWS at a time), so that neither this thread nor the
 * server holds the whole result. The cursor reads one snapshot from start to end, as SQLite's statement does.
 */
async function fromPostgres(url: string, plan: ExportPlan, sink: ExportSink): Promise<number> {
  const pg = openPostgres({ url, max: 1, cursor: Cursor, readOnly: true, name: 'peken export' });
  try {
    const batches = pg.db.getExecutor().stream(plan.query.compile(pg.db), BATCH_ROWS);
    async function* raws(): AsyncGenerator<object> {
      for await (const batch of batches) yield* batch.rows;
    }
    return await writeExport(sink, plan.rows(raws()));
  } finally {
    await pg.close();
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
