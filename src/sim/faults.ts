import type { Random } from '../shared/random.js';
import type { Logger } from '../shared/logger.js';
import type { SimRedis } from './sim-redis.js';
import type { WorkerPool } from './worker-pool.js';

export interface FaultStats {
  workersKilled: number;
  redisRestarts: number;
  redisDownMs: number;
}

/**
 * The faults that take real time: worker processes killed with SIGKILL at random intervals, and the run's
 * Redis stopped for a moment and started again empty. (Duplicate updates live in the drivers, the flaky
 * chat API in chat-api.ts.) The intervals are real seconds, drawn from the run's seeded generator.
 */
export function createFaultInjector(deps: {
  pool: WorkerPool;
  redis: SimRedis;
  random: Random;
  logger: Logger;
  kill: boolean;
  redisRestart: boolean;
  /** Roughly how long the run lasts, to spread the faults over it. */
  expectedRealMs: number;
}) {
  const stats: FaultStats = { workersKilled: 0, redisRestarts: 0, redisDownMs: 0 };
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;
  let busy: Promise<void> = Promise.resolve();
  const serial = (f: () => Promise<void>) => {
    busy = busy.then(f).catch((error: unknown) => deps.logger.warn({ err: String(error) }, 'fault injection failed'));
  };

  // A kill lasts until its replacement is ready (worker-pool.ts killOne).
  let killing = false;
  function scheduleKill(): void {
    // About six kills over the run, the first within its first fifth. A kill that falls while the last one's
    // replacement still boots is skipped: on a loaded machine a process takes 5 s or more to boot, and
    // kills every 1.4-6 s then left the whole pool booting for long stretches, so no job ran, orders stayed
    // `submitted` and the run was cut off with them (none lost judged a pool that never came up).
    const gap = Math.max(4000, deps.expectedRealMs / 6) * (0.3 + deps.random.next());
    timers.push(
      setTimeout(() => {
        if (stopped) return;
        if (!killing) {
          killing = true;
          serial(async () => {
            try {
              await deps.pool.killOne(deps.random.int(0, 100));
              stats.workersKilled++;
            } finally {
              killing = false;
            }
          });
        }
        scheduleKill();
      }, gap),
    );
  }

  function scheduleRedisRestarts(): void {
    // Two or three outages, each of one to two real seconds, away from the very start and end.
    const n = deps.expectedRealMs > 120_000 ? 3 : 1;
    for (let i = 0; i < n; i++) {
      const at = deps.expectedRealMs * (0.2 + (0.6 * (i + deps.random.next())) / n);
      const down = 1000 + deps.random.next() * 1000;
      timers.push(
        setTimeout(() => {
          if (stopped) return;
          serial(async () => {
            const t0 = Date.now();
            await deps.redis.stop();
            await new Promise((r) => setTimeout(r, down));
            await deps.redis.start();
            stats.redisRestarts++;
            stats.redisDownMs += Date.now() - t0;
          });
        }, at),
      );
    }
  }

  return {
    start(): void {
      if (deps.kill) scheduleKill();
      if (deps.redisRestart) scheduleRedisRestarts();
    },
    /** Stops injecting and waits for a fault in progress to finish (Redis back up). */
    async stop(): Promise<void> {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      await busy;
      if (!deps.redis.running) await deps.redis.start();
    },
    stats,
  };
}
