import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface WorkerProcess {
  child: ChildProcess;
  exited: Promise<void>;
  tail: () => string;
}

/**
 * The run's worker processes. `killOne()` is the crash fault: SIGKILL, no cleanup, and a fresh process
 * takes its place, as a supervisor (systemd, Docker) would restart it.
 */
export function createWorkerPool(deps: { size: number; env: Record<string, string> }) {
  const live: WorkerProcess[] = [];
  let killed = 0;
  let started = 0;

  function spawnOne(): WorkerProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/sim/sim-worker.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...deps.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    // Only the tail is kept: enough to explain a crash, bounded over a long run.
    const keep = (d: Buffer) => (out = (out + d.toString()).slice(-4000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    started++;
    const w = { child, exited, tail: () => out };
    live.push(w);
    return w;
  }

  async function waitReady(w: WorkerProcess): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (!w.tail().includes('sim-worker ready')) {
      if (w.child.exitCode !== null || Date.now() > deadline) throw new Error(`sim worker did not start:\n${w.tail()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  return {
    async start(): Promise<void> {
      const ws = Array.from({ length: deps.size }, () => spawnOne());
      await Promise.all(ws.map(waitReady));
    },
    /**
     * SIGKILLs the process at `index` (modulo the pool), starts a replacement and resolves once it is ready.
     * The run goes on while it boots, as in production; the caller waits so that it never kills again before
     * the replacement is up (faults.ts).
     */
    async killOne(index: number): Promise<void> {
      const w = live.splice(index % live.length, 1)[0];
      if (!w) return;
      w.child.kill('SIGKILL');
      await w.exited;
      killed++;
      await waitReady(spawnOne());
    },
    /** Processes that died on their own (not killed by us) are a finding. */
    crashed(): string[] {
      return live.filter((w) => w.child.exitCode !== null).map((w) => w.tail());
    },
    async stop(): Promise<void> {
      for (const w of live) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
      await Promise.race([Promise.all(live.map((w) => w.exited)), new Promise((r) => setTimeout(r, 10_000))]);
      for (const w of live) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
      await Promise.all(live.map((w) => w.exited));
    },
    stats: () => ({ killed, started }),
  };
}
export type WorkerPool = ReturnType<typeof createWorkerPool>;
