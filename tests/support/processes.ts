import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { redisAnswers } from '../../src/redis/redis-url.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface Child {
  process: ChildProcess;
  output: () => string;
  /** SIGKILL: no cleanup, no graceful shutdown. */
  kill(): Promise<void>;
  /** SIGTERM and wait for the exit code. */
  stop(): Promise<number | null>;
}

function wrap(child: ChildProcess): Child {
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return {
    process: child,
    output: () => out,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Runs `src/main.ts --role worker` as its own OS process, as `npm run worker` does. */
export function spawnWorker(env: Record<string, string>): Child {
  return wrap(
    // `node --import tsx` rather than the tsx CLI: the CLI runs the script in a grandchild that a SIGKILL
    // of the child would leave running.
    spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--role', 'worker'], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', DEMO: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

/** A throwaway redis-server without persistence on a free port, for tests that stop and restart Redis. */
export async function startRedis(port?: number): Promise<{ url: string; port: number; stop(): Promise<void> }> {
  const p = port ?? (await freePort());
  const child = wrap(
    spawn('redis-server', ['--port', String(p), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const url = `redis://127.0.0.1:${p}`;
  const deadline = Date.now() + 5000;
  while (!(await redisAnswers(url, 200))) {
    if (Date.now() > deadline) throw new Error(`redis-server on ${p} did not start: ${child.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url, port: p, stop: () => child.kill() };
}

/** Polls until the check passes or the time is up (then throws with the last value). */
export async function waitUntil<T>(
  check: () => Promise<T | false | null | undefined>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    const v = await check();
    if (v) return v;
    last = v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Runs `src/main.ts` (as `npm start`) on a free port and waits until /healthz answers. */
export async function spawnServer(env: Record<string, string>): Promise<Child & { base: string }> {
  const port = await freePort();
  const child = wrap(
    spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', PORT: String(port), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const base = `http://127.0.0.1:${port}`;
  await waitUntil(
    async () => {
      if (child.process.exitCode !== null) throw new Error(`server exited: ${child.output()}`);
      return (await fetch(`${base}/healthz`).catch(() => null))?.ok;
    },
    180_000,
    `server on ${port}`,
  );
  return { ...child, base };
}
