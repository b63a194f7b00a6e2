import { createCore } from '../app/core.js';
import type { NotificationDelivery } from '../notify/delivery.js';
import { createNotifyWorker } from '../jobs/workers/notify.js';
import { createRedis } from '../jobs/connection.js';
import { createLogger } from '../shared/logger.js';
import { simCoreOptions } from './core-options.js';
import { createSimDelivery } from './sim-delivery.js';
import { parseWorkerEnv } from './worker-env.js';

/**
 * A worker process of a simulation run: the order and notify workers on the run's virtual clock, sending
 * chat messages to the run's simulated chat API. The simulation kills these with SIGKILL and starts new ones.
 * Started as `node --import tsx src/sim/sim-worker.ts` (the tsx CLI would leave a grandchild on SIGKILL).
 */
async function main(): Promise<void> {
  const env = parseWorkerEnv(process.env);
  const logger = createLogger({ level: 'warn', name: 'sim-worker' });
  const core = await createCore(simCoreOptions({ ...env, logger, workers: true }));
  const delivery: NotificationDelivery = createSimDelivery({ chatApiUrl: env.chatApiUrl, driver: env.driver });
  core.startWorkers(delivery);
  // The core's notify worker sends four at a time; the simulated chat API answers in milliseconds, so
  // more senders per process keep notices from queueing up behind each other (as more bot instances would).
  const extra = Array.from({ length: env.notifySenders - 1 }, () => {
    const connection = createRedis(env.redisUrl, 'worker');
    // With the engine driver every person has a chat on `web`, so that channel's queue is the busy one.
    const channel = env.driver === 'engine' ? ('web' as const) : undefined;
    return {
      connection,
      worker: createNotifyWorker({
        connection,
        prefix: env.queuePrefix,
        db: core.db,
        delivery,
        clock: core.clock,
        logger,
        ratePerSecond: 5000,
        channel,
      }),
    };
  });
  process.stdout.write('sim-worker ready\n');
  const shutdown = async () => {
    await Promise.all(extra.map((e) => e.worker.close()));
    for (const e of extra) e.connection.disconnect();
    await core.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  // When the simulation itself dies (Ctrl-C, a crash), its workers must not live on as orphans.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.exit(1);
  }, 1000).unref();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
