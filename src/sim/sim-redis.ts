import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { redisAnswers } from '../redis/redis-url.js';

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

export interface SimRedis {
  url: string;
  /** SIGKILL: without persistence every job and timer in it is gone, as after a real crash. */
  stop(): Promise<void>;
  /** Starts it again, empty, on the same port. */
  start(): Promise<void>;
  readonly running: boolean;
}

/**
 * The run's own redis-server, without persistence, so that stopping it loses what a crashed Redis would
 * lose. Never the operator's Redis: the fault injection kills it.
 */
export async function startSimRedis(): Promise<SimRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();

  async function start(): Promise<void> {
    const c = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    child = c;
    exited = new Promise((r) => c.once('exit', () => r()));
    const deadline = Date.now() + 10_000;
    while (!(await redisAnswers(url, 200))) {
      if (c.exitCode !== null || Date.now() > deadline)
        throw new Error(`redis-server on port ${port} did not start (is redis-server installed?)`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  await start();
  // Ctrl-C or a crash of the simulation must not leave the private redis-server behind: `exit` handlers
  // run synchronously, and a kill is a synchronous call.
  const killOnExit = () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.on('exit', killOnExit);
  return {
    url,
    start,
    async stop() {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      c.kill('SIGKILL');
      await exited;
      child = null;
    },
    get running() {
      return child !== null;
    },
  };
}
