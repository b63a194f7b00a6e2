import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHealthProbe } from '../tests/support/health-probe.js';
import { demoBuyerPhone, p99, SCRIPT } from './chat.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * The flood of issue 19, item 6, from outside: `npm start` (src/main.ts) in a child process on the demo
 * city, and here 200 demo ASN sending `perPerson` messages each through the web chat's HTTP API, 200 at
 * once (each person waits for the reply before the next message, as the page does, and sends again after a
 * 503's Retry-After), while /healthz is polled every 50 ms. The server runs alone in its process, and the
 * probe that gives `healthz_p99_ms_during_flood` runs in a worker thread of its own, so what it shows is the
 * server's event loop and database connection, not this client's. `healthz_p99_ms_same_loop` is the probe
 * that shares this client's loop with the 200 senders (the figure as measured before the worker probe).
 */
export async function benchChatFlood(p: {
  redisUrl: string;
  people?: number;
  perPerson?: number;
  cpuProfDir?: string;
}) {
  const people = p.people ?? 200;
  const perPerson = p.perPerson ?? 100;
  const dir = mkdtempSync(join(tmpdir(), 'peken-bench-flood-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const args = [
    ...(p.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${p.cpuProfDir}`] : []),
    '--import',
    'tsx',
    'src/main.ts',
  ];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dir,
    PORT: String(port),
    REDIS_URL: p.redisUrl,
    QUEUE_PREFIX: `bench-flood-${process.pid}`,
    DEMO: '1',
    LOG_LEVEL: 'warn',
    WEB_CHAT_NEW_PER_HOUR: '1000000',
  };
  delete env.TELEGRAM_BOT_TOKEN;
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    for (let waited = 0; ; waited += 200) {
      const ok = await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (waited > 120_000) throw new Error('the server did not answer /healthz within 120 s');
      await new Promise((r) => setTimeout(r, 200));
    }
    console.error(`  flood: server up; ${people} pages opening…`);
    // Each person opens their page: its chat id and form token.
    const pages = await Promise.all(
      Array.from({ length: people }, async (_, i) => {
        const phone = demoBuyerPhone(i);
        const html = await (
          await fetch(`${base}/chat?phone=${encodeURIComponent(phone)}`, { signal: AbortSignal.timeout(120_000) })
        ).text();
        const chatId = /data-chat-id="([^"]+)"/.exec(html)?.[1];
        const csrf = /data-csrf="([^"]+)"/.exec(html)?.[1];
        if (!chatId || !csrf) throw new Error(`no chat page for ${phone}`);
        return { phone, chatId, csrf };
      }),
    );
    const latencies: number[] = [];
    const health: number[] = [];
    let failures = 0;
    let busy = 0;
    let sent = 0;
    let flooding = true;
    const ownLoopProbe = startHealthProbe(`${base}/healthz`, 50);
    const probe = (async () => {
      while (flooding) {
        const t0 = performance.now();
        await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(30_000) }).then(
          (r) => r.text(),
          () => '',
        );
        health.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const t0 = performance.now();
    await Promise.all(
      pages.map(async (page) => {
        for (let k = 0; k < perPerson; k++) {
          const text = k === 0 ? 'halo' : SCRIPT[k % SCRIPT.length]!;
          const s = performance.now();
          let res: Response | null;
          for (;;) {
            res = await fetch(`${base}/chat/api/send`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-csrf-token': page.csrf },
              body: JSON.stringify({ chatId: page.chatId, phone: page.phone, content: { kind: 'text', text } }),
              signal: AbortSignal.timeout(120_000),
            }).catch(() => null);
            // Busy: not accepted; the page sends it again after Retry-After, and so does this person.
            if (res?.status !== 503) break;
            busy++;
            await res.arrayBuffer();
            await new Promise((r) => setTimeout(r, 1000 * Number(res!.headers.get('retry-after') ?? 1)));
          }
          const body = res ? ((await res.json().catch(() => ({}))) as { replies?: unknown[] }) : {};
          if (res?.status !== 200 || !body.replies?.length) failures++;
          if (++sent % 2000 === 0)
            console.error(`  flood: ${sent} messages, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
          latencies.push(performance.now() - s);
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    flooding = false;
    await probe;
    const ownLoop = await ownLoopProbe.stop();
    return {
      flood_messages: people * perPerson,
      flood_seconds: Math.round(seconds * 10) / 10,
      flood_messages_per_s: Math.round((people * perPerson) / seconds),
      flood_p99_ms: Math.round(p99(latencies)),
      flood_failures: failures,
      flood_busy_retries: busy,
      healthz_p99_ms_during_flood: Math.round(p99(ownLoop)),
      healthz_max_ms_during_flood: Math.round(Math.max(...ownLoop)),
      healthz_p99_ms_same_loop: Math.round(p99(health)),
    };
  } finally {
    child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchChatFlood({
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    perPerson: Number(process.env.BENCH_FLOOD_PER_PERSON ?? 100),
    cpuProfDir: process.env.BENCH_FLOOD_CPU_PROF,
  }).then(
    (r) => {
      console.log(JSON.stringify(r));
      process.exit(0);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
