import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { migrateToLatest } from '../src/db/migrate.js';
import { openDatabaseAt } from '../src/db/open.js';
import { createScratchDatabase } from '../src/db/pg-admin.js';
import { createExportRunner } from '../src/reports/export-runner.js';

export interface ExportsBench {
  export_rows: number;
  /** Both exports (XLSX and CSV of the compliance report) run at once, wall time. */
  export_seconds: number;
  /** The server's event loop delay while they ran: what /healthz and every request would wait. */
  export_loop_delay_max_ms: number;
  /** RSS growth while they ran, past the two kept export threads (started beforehand). */
  export_rss_growth_mb: number;
  /** What starting the two threads cost (fixed, whatever the size). */
  export_threads_mb: number;
}

/**
 * Issue 19: compliance.xlsx over 130,000 ASN took 8 s on the main thread and 1.7 GB. The same export (and
 * the CSV beside it, at once) through the export runner: worker threads stream the query to a file. The
 * figures to watch are the event loop delay (near zero) and the memory growth (flat whatever BENCH_EXPORT_ROWS).
 * On a SQLite file, or with `pgServerUrl` on a scratch PostgreSQL database (the threads read through a cursor).
 */
export async function benchExports(
  p: { rows?: number; pgServerUrl?: string; log?: (line: string) => void } = {},
): Promise<ExportsBench> {
  const rows = p.rows ?? 130_000;
  const log = p.log ?? ((l: string) => console.error(l));
  const dir = mkdtempSync(join(tmpdir(), 'peken-bench-exports-'));
  const scratch = p.pgServerUrl ? await createScratchDatabase(p.pgServerUrl, 'peken_bench_exports') : null;
  const h = openDatabaseAt(scratch?.url ?? join(dir, 'peken.db'));
  try {
    await migrateToLatest(h.db);
    h.sqlite?.pragma('synchronous = OFF');
    const at = '2026-11-01T00:00:00.000Z';
    const agency = await h.db
      .insertInto('agencies')
      .values({ code: 'OPD-1', name: 'Dinas Bench' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const cls = (await h.db.selectFrom('quota_rules').select('position_class').executeTakeFirstOrThrow())
      .position_class;
    const kel = (await h.db.selectFrom('kelurahan').select('code').executeTakeFirstOrThrow()).code;
    // One statement on both databases (no printf): 18-digit NIPs and distinct phones for up to 900,000 rows.
    await sql`
      with recursive n(i) as (select 1 union all select i + 1 from n where i < ${rows})
      insert into buyers (nip, name, phone, agency_id, position_class, domicile_kelurahan, office_kelurahan, created_at, updated_at)
      select '198001012005' || (100000 + i), 'ASN ' || i || ', Surabaya', '+62813' || (10000000 + i), ${agency.id},
        ${cls}, ${kel}, ${kel}, ${at}, ${at} from n`.execute(h.db);
    h.sqlite?.pragma('synchronous = NORMAL');
    const runner = createExportRunner({ db: h.db });
    const request = { kind: 'compliance', period: '2026-11', defaultCap: 30_000_000 } as const;
    // Start the two threads (kept afterwards) with an empty export each.
    const cold = process.memoryUsage().rss;
    await Promise.all([
      runner.run({ ...request, kind: 'spj' }, 'xlsx'),
      runner.run({ ...request, kind: 'spj' }, 'xlsx'),
    ]).then((fs) => Promise.all(fs.map((f) => f.cleanup())));
    const threadsMb = (process.memoryUsage().rss - cold) / 2 ** 20;
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const rss0 = process.memoryUsage().rss;
    let maxRss = rss0;
    const sampler = setInterval(() => (maxRss = Math.max(maxRss, process.memoryUsage().rss)), 50);
    const t0 = Date.now();
    const files = await Promise.all([runner.run(request, 'xlsx'), runner.run(request, 'csv')]);
    const seconds = (Date.now() - t0) / 1000;
    clearInterval(sampler);
    loop.disable();
    await Promise.all(files.map((f) => f.cleanup()));
    const figures: ExportsBench = {
      export_rows: files[0]!.rows,
      export_seconds: Number(seconds.toFixed(1)),
      export_loop_delay_max_ms: Number((loop.max / 1e6).toFixed(0)),
      export_rss_growth_mb: Number(((maxRss - rss0) / 2 ** 20).toFixed(0)),
      export_threads_mb: Number(threadsMb.toFixed(0)),
    };
    log(`exports: ${JSON.stringify(figures)}`);
    return figures;
  } finally {
    await h.close();
    await scratch?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

// `node --import tsx bench/exports.ts`: this part alone; `BENCH_EXPORT_DB=postgres` on a scratch database at PG_URL.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  benchExports({
    rows: Number(process.env.BENCH_EXPORT_ROWS ?? 130_000),
    pgServerUrl:
      process.env.BENCH_EXPORT_DB === 'postgres'
        ? (process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres')
        : undefined,
  }).then(
    (f) => {
      console.log(JSON.stringify(f));
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
