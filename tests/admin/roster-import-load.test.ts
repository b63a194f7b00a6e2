import { serve, type ServerType } from '@hono/node-server';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../src/server/http-app.js';
import { observedDb } from '../support/observed-db.js';
import { freePort } from '../support/processes.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { adminWorld } from './support.js';

/**
 * Issue 19, item 2: a roster import of 50,000 rows over the API held the event loop for 3.9 s. It now runs
 * in a worker thread (parse, checks and the write transaction). Measured on the loop itself
 * (monitorEventLoopDelay), which a shared host's scheduling moves far less than a request's wall time.
 */
const ROWS = 50_000;
const HEADER = 'nip,name,phone,agency_code,agency_name,position_class,domicile_kelurahan,office_kelurahan';
const KELURAHAN = ['Kapasari', 'Genteng', 'Ketabang', 'Jemur Wonosari'];
/** n valid rows; NIPs differ in their birth year and last four digits (18 digits, a valid date). */
const roster = (n: number) =>
  [
    HEADER,
    ...Array.from({ length: n }, (_, i) => {
      const nip = `${1960 + Math.floor(i / 10_000)}0101200501${String(i % 10_000).padStart(4, '0')}`;
      return `${nip},"ASN ${i}, Surabaya",0813${String(i).padStart(8, '0')},OPD${i % 40},Dinas ${i % 40},pelaksana,${KELURAHAN[i % 4]},${KELURAHAN[(i + 1) % 4]}`;
    }),
  ].join('\n');

let t: TestDb;
/** The server's own connection, watched: the import must not run its queries there. */
let served: string[];
let server: ServerType;
let base: string;
let token: string;
beforeAll(async () => {
  t = await createTestDb();
  const observed = observedDb(t.db);
  served = observed.ran;
  const w = await adminWorld(observed.db);
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
}, 60_000);
afterAll(async () => {
  await new Promise<void>((r) => server?.close(() => r()));
  await t.cleanup();
});

const post = (csv: string) =>
  fetch(`${base}/api/roster/import`, {
    method: 'POST',
    body: csv,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
  });

/**
 * The upload from another process (curl): a client in this process would spend this event loop on sending
 * 5 MB, which is not the server's doing.
 */
async function postByCurl(csv: string): Promise<{ status: number; json(): Promise<unknown> }> {
  const file = join(t.dir, 'roster.csv');
  writeFileSync(file, csv);
  const out = await new Promise<string>((resolve, reject) => {
    execFile(
      'curl',
      [
        '-s',
        '-w',
        '\\n%{http_code}',
        '-H',
        `authorization: Bearer ${token}`,
        '-H',
        'content-type: text/csv',
        '--data-binary',
        `@${file}`,
        `${base}/api/roster/import`,
      ],
      (err, stdout) => (err ? reject(err) : resolve(stdout)),
    );
  });
  const cut = out.lastIndexOf('\n');
  return { status: Number(out.slice(cut + 1)), json: async () => JSON.parse(out.slice(0, cut)) as unknown };
}

describe('roster import under load', () => {
  it('imports 50,000 rows over the API while /healthz answers under 200 ms (p99) and the event loop is never held for a second', async () => {
    const csv = roster(ROWS);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    const healthMs: number[] = [];
    let done = false;
    const probe = (async () => {
      while (!done) {
        const t0 = performance.now();
        await (await fetch(`${base}/healthz`)).text();
        healthMs.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    loop.enable();
    served.length = 0;
    const res = await postByCurl(csv);
    loop.disable();
    done = true;
    await probe;
    const body = await res.json();
    const sorted = [...healthMs].sort((a, b) => a - b);
    const p99 = sorted[Math.floor(sorted.length * 0.99)]!;
    console.log(
      `roster import ${ROWS}: /healthz ${healthMs.length} probes, p50 ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms, worst ${sorted.at(-1)!.toFixed(0)} ms; event loop delay max ${(loop.max / 1e6).toFixed(0)} ms, p99 ${(loop.percentile(99) / 1e6).toFixed(0)} ms`,
    );
    expect(res.status).toBe(200);
    expect(body).toEqual({ inserted: ROWS, updated: 0, unchanged: 0 });
    const n = await t.db
      .selectFrom('buyers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(ROWS);
    // Read and written by the thread on its own connection, on PostgreSQL too (issue 18): the server's
    // connection ran only the request's sign-in, not the import's queries.
    expect(served.length).toBeGreaterThan(0);
    expect(served.length).toBeLessThan(50);
    // Before, the loop was held 3.9 s in one piece. The loop's own worst delay is the measure, bounded at
    // 1 s rather than 200 ms: on this shared host (2 cores, load 10-20, vitest's other files beside) an
    // idle process alone sees 80-150 ms now and then. /healthz answers under 200 ms at p99 throughout, as
    // the export load test asks; `npm run bench` reports the loop's worst delay on its own
    // (roster_import_loop_max_ms).
    expect(healthMs.length).toBeGreaterThan(20);
    expect(p99).toBeLessThan(200);
    expect(loop.max / 1e6).toBeLessThan(1000);
  }, 180_000);

  it('runs one import at a time with two waiting, and answers 503 with Retry-After to more', async () => {
    const csv = roster(3000);
    const all = await Promise.all(Array.from({ length: 5 }, () => post(csv)));
    const statuses = all.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 503, 503]);
    const busy = all.find((r) => r.status === 503)!;
    expect(busy.headers.get('retry-after')).toBe('30');
    expect(((await busy.json()) as { error: { message: string } }).error.message).toMatch(/impor lain sedang berjalan/);
  }, 180_000);
});
