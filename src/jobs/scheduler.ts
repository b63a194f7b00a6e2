import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { SCHEDULE_JOB_OPTIONS, SCHEDULE_QUEUE } from './queues.js';
import type { Logger } from '../shared/logger.js';
import {
  runScheduledJob,
  schedulePatterns,
  SCHEDULED_JOBS,
  type ScheduledJobDeps,
  type ScheduledJobName,
} from './scheduled-jobs.js';

export const SCHEDULE_TZ = 'Asia/Jakarta';

export interface Scheduler {
  /** Brings BullMQ's job schedulers in line with the settings (idempotent; run at start and every minute). */
  sync(): Promise<Record<ScheduledJobName, string | null>>;
  start(): void;
  stop(): Promise<void>;
  queue: Queue;
}

/**
 * BullMQ job schedulers (cron in Asia/Jakarta) for the morning prompt, quota reminders and the month-end
 * summary. Every worker process upserts the same schedulers (upsert is idempotent) and runs a worker on
 * the schedule queue; each firing is one job, taken by one process.
 */
export function createScheduler(
  deps: ScheduledJobDeps & { connection: Redis; producer: Redis; prefix: string; logger: Logger; resyncMs?: number },
): Scheduler {
  const queue = new Queue(SCHEDULE_QUEUE, {
    connection: deps.producer,
    prefix: deps.prefix,
    defaultJobOptions: SCHEDULE_JOB_OPTIONS,
  });
  queue.on('error', () => {});
  let worker: Worker | null = null;
  let timer: NodeJS.Timeout | null = null;
  let last = '';

  async function sync() {
    const patterns = await schedulePatterns(deps.settings);
    const key = JSON.stringify(patterns);
    if (key === last) return patterns;
    for (const name of SCHEDULED_JOBS) {
      const pattern = patterns[name];
      if (pattern) await queue.upsertJobScheduler(name, { pattern, tz: SCHEDULE_TZ }, { name, data: {} });
      else await queue.removeJobScheduler(name);
    }
    last = key;
    deps.logger.info({ patterns }, 'schedules set (Asia/Jakarta)');
    return patterns;
  }

  return {
    queue,
    sync,
    start() {
      worker = new Worker(
        SCHEDULE_QUEUE,
        async (job) => {
          if (!(SCHEDULED_JOBS as readonly string[]).includes(job.name)) return null;
          const id = await runScheduledJob(job.name as ScheduledJobName, deps);
          if (id !== null) deps.logger.info({ job: job.name, broadcast: id }, 'scheduled broadcast created');
          return id;
        },
        { connection: deps.connection, prefix: deps.prefix, concurrency: 1 },
      );
      worker.on('error', (err) => deps.logger.warn({ err: err.message }, 'schedule worker error'));
      const resync = () =>
        void sync().catch((error: unknown) =>
          deps.logger.warn({ err: String(error) }, 'schedules not synced; next minute retries'),
        );
      resync();
      timer = setInterval(resync, deps.resyncMs ?? 60_000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await worker?.close();
      await queue.close();
    },
  };
}
