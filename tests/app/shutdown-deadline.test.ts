import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, waitUntil } from '../support/processes.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const started: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(async () => {
  // SIGKILL (and SIGCONT for the paused Redis first): nothing of this test may outlive it.
  for (const p of started.splice(0).reverse()) {
    if (p.exitCode !== null || p.signalCode !== null) continue;
    p.kill('SIGCONT');
    p.kill('SIGKILL');
    await new Promise((r) => p.once('exit', r));
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('shutdown (issue 19)', () => {
  it('exits within SHUTDOWN_TIMEOUT_MS, saying where it was, when Redis stops answering', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'peken-stop-'));
    dirs.push(dir);
    const redisPort = await freePort();
    const redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', ''], {
      stdio: 'ignore',
    });
    started.push(redis);
    const port = await freePort();
    let out = '';
    const app = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATA_DIR: dir,
        PORT: String(port),
        REDIS_URL: `redis://127.0.0.1:${redisPort}`,
        DEMO: '0',
        LOG_LEVEL: 'info',
        TELEGRAM_BOT_TOKEN: '',
        SHUTDOWN_TIMEOUT_MS: '3000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    started.push(app);
    app.stdout.on('data', (d: Buffer) => (out += d.toString()));
    app.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((r) => app.once('exit', (code) => r(code)));
    await waitUntil(
      () =>
        fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.ok,
          () => false,
        ),
      60_000,
      '/healthz',
    );
    // Redis stops answering (as a paused or wedged server does): BullMQ's close would wait for it for ever.
    redis.kill('SIGSTOP');
    const t0 = Date.now();
    app.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 20_000))]);
    expect(code).toBe(1);
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect(out).toMatch(/shutdown did not finish within 3 s \(at: [a-z ]+\): exiting without it/);
  }, 90_000);
});
