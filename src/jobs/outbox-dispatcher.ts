import type { Queue } from 'bullmq';
import type { Db } from '../db/database.js';
import { QUEUES, type Queues } from './queues.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import { noticePriority } from './notice-priority.js';
import { templatesOf } from '../notify/notification.repository.js';
import { markDispatched, withPendingOutbox, type OutboxRow } from '../outbox/outbox.repository.js';

export interface OutboxDispatcher {
  /** Moves every pending outbox row onto its queue; returns how many left. Safe to call concurrently. */
  flush(): Promise<number>;
  /** Flush soon (coalesces bursts of calls into one flush). */
  poke(): void;
  start(intervalMs: number): void;
  stop(): Promise<void>;
}

const BATCH = 500;

/**
 * The outbox pattern: jobs are written to the database with the state change that causes them, then copied to
 * BullMQ here with their stable job id. While Redis is down the rows simply wait; a re-dispatch of a row
 * that did reach Redis is ignored by BullMQ (same job id).
 */
export function createOutboxDispatcher(deps: {
  db: Db;
  queues: Queues;
  /** The per-channel notify queues (queues.ts) that notification rows are routed to. */
  notifyQueues?: { byName(name: string): Queue | undefined };
  clock: Clock;
  logger: Logger;
}): OutboxDispatcher {
  let running: Promise<number> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let scheduled = false;
  let redisDown = false;

  /** Sends the rows onto their queues and marks them, through `db` (the claim's transaction on PostgreSQL). */
  async function send(db: Db, rows: OutboxRow[]): Promise<number> {
    const now = deps.clock.now().getTime();
    const byQueue = new Map<string, OutboxRow[]>();
    for (const r of rows) {
      // Appended in place: copying the list for every row made a flush of 500 rows quadratic.
      const list = byQueue.get(r.queue);
      if (list) list.push(r);
      else byQueue.set(r.queue, [r]);
    }
    let moved = 0;
    for (const [name, batch] of byQueue) {
      const notifyQueue = deps.notifyQueues?.byName(name);
      const queue = deps.queues.byName(name) ?? notifyQueue;
      if (!queue) throw new Error(`outbox row for unknown queue ${name}`);
      const jobs = batch.map((r) => ({
        name: r.job_name,
        data: JSON.parse(r.payload) as { notificationId?: unknown },
        opts: {
          jobId: r.job_id,
          delay: r.delay_until ? Math.max(0, new Date(r.delay_until).getTime() - now) : undefined,
          priority: undefined as number | undefined,
        },
      }));
      if (notifyQueue || name === QUEUES.notify) {
        // A new order goes before other notices on its channel (notice-priority.ts).
        const templates = await templatesOf(
          db,
          jobs.map((j) => j.data.notificationId).filter((id): id is number => typeof id === 'number'),
        );
        for (const j of jobs) j.opts.priority = noticePriority(templates.get(j.data.notificationId as number) ?? '');
      }
      await queue.addBulk(jobs);
      await markDispatched(
        db,
        batch.map((r) => r.id),
        deps.clock.now().toISOString(),
      );
      moved += batch.length;
    }
    return moved;
  }

  async function once(): Promise<number> {
    let moved = 0;
    for (;;) {
      let seen = 0;
      moved += await withPendingOutbox(deps.db, BATCH, (db, rows) => {
        seen = rows.length;
        return send(db, rows);
      });
      if (seen < BATCH) return moved;
    }
  }

  async function flush(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      try {
        do {
          again = false;
          total += await once();
        } while (again);
        if (redisDown) deps.logger.info('outbox: Redis is back, pending jobs dispatched');
        redisDown = false;
      } catch (error) {
        if (!redisDown) deps.logger.warn({ err: String(error) }, 'outbox: dispatch failed, rows kept for the next try');
        redisDown = true;
      } finally {
        running = null;
      }
      return total;
    })();
    return running;
  }

  return {
    flush,
    poke() {
      if (scheduled) return;
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        void flush();
      });
    },
    start(intervalMs) {
      timer = setInterval(() => void flush(), intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
