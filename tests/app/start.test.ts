import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { webChatIdOf } from '../../src/chat/web-chat-id.js';
import { redisAnswers } from '../../src/redis/redis-url.js';
import { startFakeTelegramApi } from '../support/fake-telegram-api.js';
import { freePort, waitUntil } from '../support/processes.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dirs: string[] = [];
type Started = { child: ChildProcess; exit: Promise<number | null>; output: () => string };
const running: Started[] = [];
afterEach(async () => {
  // A test that failed or timed out before its own SIGTERM must not leave its server (and the private Redis
  // it started) running: SIGTERM first, so that it stops what it started; SIGKILL if it does not end.
  for (const app of running.splice(0)) {
    if (app.child.exitCode !== null || app.child.signalCode !== null) continue;
    app.child.kill('SIGTERM');
    const ended = await Promise.race([
      app.exit.then(() => true),
      new Promise<false>((r) => setTimeout(() => r(false), 15_000)),
    ]);
    if (!ended) app.child.kill('SIGKILL');
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function start(env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const app = { child, exit, output: () => out };
  running.push(app);
  return app;
}

describe('npm start', () => {
  it('starts with zero configuration: a private Redis, the demo city, /healthz; SIGTERM stops everything cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'peken-start-'));
    dirs.push(dir);
    const [port, redisPort] = [await freePort(), await freePort()];
    const redisUrl = `redis://127.0.0.1:${redisPort}`;
    const app = start({ DATA_DIR: dir, PORT: String(port), REDIS_URL: redisUrl });
    const health = await waitUntil(
      async () => {
        const r = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
        return r?.ok ? ((await r.json()) as Record<string, unknown>) : null;
      },
      30_000,
      '/healthz',
    );
    expect(health).toMatchObject({ status: 'ok', database: 'ok', redis: 'ok' });
    expect(app.output()).toContain('started a private redis-server');
    expect(app.output()).toContain('demo city loaded');
    expect(app.output()).toContain('Telegram off: set TELEGRAM_BOT_TOKEN');
    expect(app.output()).toMatch(
      /demo sign-in: at \/login type the demo admin's phone .*the code arrives in that web chat\. API token \(valid 30 days\): pk_/,
    );
    // The admin side is mounted: the API wants a token, the dashboard a sign-in.
    expect((await fetch(`http://127.0.0.1:${port}/api/orders`)).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${port}/login`)).status).toBe(200);
    // On the demo city the web chat is open without signing in.
    expect((await fetch(`http://127.0.0.1:${port}/chat`, { redirect: 'manual' })).status).toBe(200);
    // The demo admin asks for a code at /login, and it arrives in their web chat (the README's sign-in).
    const base = `http://127.0.0.1:${port}`;
    const form = await fetch(`${base}/login`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
    const asked = await fetch(`${base}/login`, {
      method: 'POST',
      headers: {
        cookie: form.headers.getSetCookie()[0]!.split(';')[0]!,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ _csrf: csrf, phone: '+628430000001' }).toString(),
    });
    expect(asked.status).toBe(200);
    const admin = '+628430000001';
    expect((await fetch(`${base}/chat?phone=${encodeURIComponent(admin)}`)).status).toBe(200);
    const inbox = await waitUntil(
      async () => {
        const r = await fetch(
          `${base}/chat/api/poll?chatId=${webChatIdOf(admin)}&phone=${encodeURIComponent(admin)}&after=0`,
        );
        const items = ((await r.json()) as { items: Array<{ message: { text: string } }> }).items;
        return items.find((i) => /Kode masuk dasbor peken: \d{6}/.test(i.message.text)) ?? null;
      },
      10_000,
      'the sign-in code in the web chat',
    );
    expect(inbox.message.text).toContain('Berlaku 5 menit');
    expect(existsSync(join(dir, 'peken.db'))).toBe(true);
    expect(existsSync(join(dir, 'redis'))).toBe(true);
    app.child.kill('SIGTERM');
    expect(await app.exit).toBe(0);
    expect(app.output()).toContain('stopped');
    // The private Redis went with it.
    expect(await redisAnswers(redisUrl, 300)).toBe(false);
  });

  it('runs the Telegram bot when a token is set: a demo ASN shares their number and gets the main menu', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'peken-start-'));
    dirs.push(dir);
    const api = await startFakeTelegramApi();
    try {
      const app = start({
        DATA_DIR: dir,
        PORT: String(await freePort()),
        REDIS_URL: inject('redisUrl'),
        QUEUE_PREFIX: `t-start-tg-${process.pid}`,
        TELEGRAM_BOT_TOKEN: api.token,
        TELEGRAM_API_ROOT: api.url,
      });
      await waitUntil(async () => app.output().includes('Telegram on: long polling'), 30_000, 'Telegram polling');
      const user = { id: 7001, is_bot: false, first_name: 'Yuli' };
      const chat = { id: 7001, type: 'private', first_name: 'Yuli' };
      api.pushUpdate({ message: { message_id: 1, date: 1_700_000_000, chat, from: user, text: '/start' } });
      const ask = await waitUntil(async () => api.sent().find((m) => m.chatId === '7001'), 15_000, 'the first answer');
      expect(JSON.stringify(ask.params)).toContain('request_contact');
      api.pushUpdate({
        message: {
          message_id: 2,
          date: 1_700_000_001,
          chat,
          from: user,
          contact: { phone_number: '+628410000001', first_name: 'Yuli', user_id: 7001 },
        },
      });
      const menu = await waitUntil(
        async () => api.sent().filter((m) => m.chatId === '7001')[1],
        15_000,
        'the answer to the contact',
      );
      expect(menu.text).toContain('Menu utama');
      app.child.kill('SIGTERM');
      expect(await app.exit).toBe(0);
    } finally {
      await api.close();
    }
  });

  it('exits with one line saying how to get Redis when none answers and redis-server is not installed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'peken-start-'));
    dirs.push(dir);
    const app = start({ DATA_DIR: dir, REDIS_URL: `redis://127.0.0.1:${await freePort()}`, PATH: '/nonexistent' });
    expect(await app.exit).toBe(1);
    expect(
      app
        .output()
        .trim()
        .split('\n')
        .filter((l) => !l.includes('npm warn')),
    ).toEqual([
      expect.stringMatching(
        /^No Redis answers at redis:\/\/127\.0\.0\.1:\d+: install it \(Debian: apt-get install redis-server\) or set REDIS_URL/,
      ),
    ]);
  });

  it('says in one line that Chromium is missing when WhatsApp is switched on without it, and leaves no private Redis behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'peken-start-'));
    dirs.push(dir);
    const redisUrl = `redis://127.0.0.1:${await freePort()}`;
    const app = start({
      DATA_DIR: dir,
      PORT: String(await freePort()),
      REDIS_URL: redisUrl,
      WHATSAPP_ENABLED: '1',
      WHATSAPP_CHROMIUM_PATH: '/nonexistent/chromium',
      LOG_LEVEL: 'silent',
    });
    expect(await app.exit).toBe(1);
    expect(await redisAnswers(redisUrl, 300)).toBe(false);
    const lines = app
      .output()
      .trim()
      .split('\n')
      .filter((l) => !l.includes('npm warn'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/\/nonexistent\/chromium/);
  });

  it('refuses a bad environment variable with its name and what is expected', async () => {
    const app = start({ PORT: 'abc', DATA_DIR: '/tmp/never-created-peken' });
    expect(await app.exit).toBe(1);
    expect(app.output()).toMatch(/PORT="abc": expected a whole number from 1 to 65535/);
    expect(existsSync('/tmp/never-created-peken')).toBe(false);
  });
});
