import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { startHealthProbe } from '../support/health-probe.js';
import { freePort, waitUntil } from '../support/processes.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PEOPLE = 200;
const PER_PERSON = 5;
// No new message starts after this: on a crowded machine the flood may be slow, and the loop is measured
// while the senders are at it, however many messages that turns out to be.
const FLOOD_MS = 20_000;
// Without admission a probe waited for every message in flight, as long as a message itself: p99 of 1.7 to
// 5.2 s on the shared 2-core machine (load average 7 to 37), about the median time of a message. With it, a
// probe waits for a message or two, while a message waits for the line: both bounds hold at any load.
const HEALTHZ_P99_MS = 1000;
const HEALTHZ_TO_MESSAGE_MEDIAN = 1 / 5;
/** The bound on a quiet machine, where a fifth of the message median is shorter than one turn of the loop. */
const QUIET_HEALTHZ_P99_MS = 250;

const running: Array<{ child: ChildProcess; exit: Promise<unknown> }> = [];
const dirs: string[] = [];
afterEach(async () => {
  // SIGTERM so that the server closes its queues; SIGKILL if it does not end (a failed test must not leave it).
  for (const app of running.splice(0)) {
    if (app.child.exitCode !== null || app.child.signalCode !== null) continue;
    app.child.kill('SIGTERM');
    const ended = await Promise.race([
      app.exit.then(() => true),
      new Promise((r) => setTimeout(() => r(false), 15_000)),
    ]);
    if (!ended) app.child.kill('SIGKILL');
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))]!;

/** A request the page would send again after a 503's Retry-After (shortened here: the flood goes on meanwhile). */
async function untilAccepted(send: () => Promise<Response>): Promise<Response> {
  for (;;) {
    const r = await send();
    if (r.status !== 503) return r;
    expect(r.headers.get('retry-after')).toMatch(/^\d+$/);
    await r.arrayBuffer();
    await new Promise((ok) => setTimeout(ok, 200));
  }
}

describe('/healthz during a web-chat flood (issue 19, item 6)', () => {
  it('answers within a second at p99, and within a fifth of the median message time, while 200 people send to the web chat at once; every message is answered', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'peken-flood-'));
    dirs.push(dir);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    // The server alone in its own process, as `npm start` runs it: this process's senders do not share its loop.
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATA_DIR: dir,
        PORT: String(port),
        REDIS_URL: inject('redisUrl'),
        QUEUE_PREFIX: `t-flood-${process.pid}-${Date.now()}`,
        DEMO: '1',
        LOG_LEVEL: 'warn',
        WEB_CHAT_NEW_PER_HOUR: '1000000',
        TELEGRAM_BOT_TOKEN: '',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    running.push({ child, exit: new Promise((r) => child.once('exit', r)) });
    await waitUntil(
      () =>
        fetch(`${base}/healthz`).then(
          (r) => r.ok,
          () => false,
        ),
      60_000,
      '/healthz',
    );

    const pages = await Promise.all(
      Array.from({ length: PEOPLE }, async (_, i) => {
        const phone = `+62841${String(i + 1).padStart(7, '0')}`;
        const r = await untilAccepted(() => fetch(`${base}/chat?phone=${encodeURIComponent(phone)}`));
        const html = await r.text();
        const chatId = /data-chat-id="([^"]+)"/.exec(html)?.[1];
        const csrf = /data-csrf="([^"]+)"/.exec(html)?.[1];
        if (!chatId || !csrf) throw new Error(`no chat page for ${phone}: ${r.status}`);
        return { phone, chatId, csrf };
      }),
    );

    const probe = startHealthProbe(`${base}/healthz`, 20);
    const until = Date.now() + FLOOD_MS;
    let answered = 0;
    const latencies: number[] = [];
    const failures: string[] = [];
    await Promise.all(
      pages.map(async (page) => {
        for (let k = 0; k < PER_PERSON && Date.now() < until; k++) {
          const text = ['halo', 'menu', '1', '1', '1 2'][k]!;
          const t0 = performance.now();
          const r = await untilAccepted(() =>
            fetch(`${base}/chat/api/send`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-csrf-token': page.csrf },
              body: JSON.stringify({ chatId: page.chatId, phone: page.phone, content: { kind: 'text', text } }),
            }),
          );
          const body = (await r.json()) as { replies?: unknown[] };
          latencies.push(performance.now() - t0);
          if (r.status === 200 && body.replies?.length) answered++;
          else failures.push(`${page.phone} #${k}: ${r.status}`);
        }
      }),
    );
    const health = await probe.stop();

    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThanOrEqual(PEOPLE);
    expect(health.length).toBeGreaterThanOrEqual(20);
    const healthP99 = Math.round(p99(health));
    const messageMedian = Math.round([...latencies].sort((a, b) => a - b)[latencies.length >> 1]!);
    const seen = `/healthz p99 ${healthP99} ms over ${health.length} probes, message median ${messageMedian} ms`;
    expect(healthP99, seen).toBeLessThan(HEALTHZ_P99_MS);
    // On a loaded machine every time stretches, so /healthz is held against the message time (without the gate
    // the two are equal); on a quiet one messages are fast and a fifth of them is below one turn of the loop, so
    // an absolute bound holds there instead (without the gate /healthz then waits well over a second: above).
    expect(healthP99, seen).toBeLessThan(Math.max(messageMedian * HEALTHZ_TO_MESSAGE_MEDIAN, QUIET_HEALTHZ_P99_MS));
  }, 120_000);
});
