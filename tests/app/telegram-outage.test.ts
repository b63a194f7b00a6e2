import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { freePort, waitUntil } from '../support/processes.js';

// Telegram being unreachable must cost only Telegram (issue 19): start-up finishes, the dashboard and the
// web chat answer, a webhook update is answered at once, and SIGTERM stops everything gracefully.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SECRET = 'outage-secret-0123456789';
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function start(env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'peken-outage-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: 'info',
      DATA_DIR: dir,
      REDIS_URL: inject('redisUrl'),
      QUEUE_PREFIX: `t-outage-${process.pid}-${Date.now()}`,
      TELEGRAM_BOT_TOKEN: '123456:outage-token-abcdefghijklmnop',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exit;
    rmSync(dir, { recursive: true, force: true });
  });
  return { child, exit, output: () => out };
}

/** A Bot API that accepts connections and never answers: the worst kind of outage. */
async function hangingApi(): Promise<{ url: string; requests: () => number }> {
  let requests = 0;
  const server: Server = createServer(() => {
    requests++; // never answered
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  cleanups.push(() => {
    server.closeAllConnections();
    return new Promise<void>((r) => server.close(() => r()));
  });
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, requests: () => requests };
}

async function healthy(port: number): Promise<number> {
  const t0 = Date.now();
  await waitUntil(
    async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.ok,
    30_000,
    '/healthz',
  );
  return Date.now() - t0;
}

describe('Telegram unreachable', () => {
  it('at start (nothing listens at the Bot API): start-up finishes, dashboard and web chat answer, the failure is logged with what to do, SIGTERM stops gracefully', async () => {
    const port = await freePort();
    const app = start({ PORT: String(port), TELEGRAM_API_ROOT: `http://127.0.0.1:${await freePort()}` });
    await healthy(port);
    expect((await fetch(`http://127.0.0.1:${port}/login`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/chat`, { redirect: 'manual' })).status).toBe(200);
    await waitUntil(async () => app.output().includes('Telegram unreachable'), 10_000, 'the outage logged');
    expect(app.output()).toMatch(
      /Telegram unreachable: no answer from the Bot API \(check the network, a proxy, or TELEGRAM_API_ROOT\); trying again in \d+ s/,
    );
    // It keeps trying in the background, with a growing wait.
    await waitUntil(
      async () => (app.output().match(/Telegram unreachable/g) ?? []).length >= 2,
      10_000,
      'a second try',
    );
    const t0 = Date.now();
    app.child.kill('SIGTERM');
    expect(await app.exit).toBe(0);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(app.output()).toContain('stopped');
  });

  it('with a webhook and a Bot API that never answers: a webhook update is answered in under a second, repeatedly, and SIGTERM still stops gracefully', async () => {
    const api = await hangingApi();
    const port = await freePort();
    const app = start({
      PORT: String(port),
      TELEGRAM_API_ROOT: api.url,
      TELEGRAM_WEBHOOK_URL: 'https://peken.example/telegram/webhook',
      TELEGRAM_WEBHOOK_SECRET: SECRET,
    });
    await healthy(port);
    await waitUntil(async () => api.requests() > 0, 10_000, 'a call to the Bot API');
    const chat = { id: 9100, type: 'private', first_name: 'Sri' };
    const from = { id: 9100, is_bot: false, first_name: 'Sri' };
    const times: number[] = [];
    for (let i = 1; i <= 3; i++) {
      const t0 = Date.now();
      const res = await fetch(`http://127.0.0.1:${port}/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': SECRET },
        body: JSON.stringify({
          update_id: 70_000 + i,
          message: { message_id: i, date: 1_700_000_000, chat, from, text: '/start' },
        }),
        signal: AbortSignal.timeout(5000),
      });
      times.push(Date.now() - t0);
      expect(res.status).toBe(200);
    }
    expect(Math.max(...times)).toBeLessThan(1000);
    // The replies are waiting on the Bot API (it never answers), yet the server answers everything else.
    const t1 = Date.now();
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).ok).toBe(true);
    expect(Date.now() - t1).toBeLessThan(1000);
    const t2 = Date.now();
    app.child.kill('SIGTERM');
    expect(await app.exit).toBe(0);
    expect(Date.now() - t2).toBeLessThan(15_000);
    expect(app.output()).toContain('stopped');
  });
});
