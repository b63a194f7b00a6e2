import type { Db } from '../db/database.js';
import type { OrderService } from '../orders/order.service.js';
import { noticePriority } from './notice-priority.js';
import { queuedNotificationsBefore } from '../notify/notification.repository.js';
import { overdueSteps, staleSubmitted } from '../orders/order.repository.js';
import { DEADLINE_STEPS, SWEEP_ORDER } from '../orders/deadlines.js';
import { notifyJobId } from '../notify/notify.jobs.js';
import { jobIds } from '../orders/orders.jobs.js';
import type { Queues } from './queues.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import { deleteDispatchedBefore } from '../outbox/outbox.repository.js';
import type { Queue } from 'bullmq';

export interface SweepReport {
  redispatched: number;
  expired: number;
  reminded: number;
  /** Deadline steps of accepted and delivered orders applied (reminders, questions, expiries, reviews). */
  deadlines: number;
  notificationsRedispatched: number;
  /**
   * Whether the Redis half (re-sending lost jobs) finished in this pass. False while Redis is down or slow:
   * the deadlines were applied all the same.
   */
  redisRepaired: boolean;
}

/** The last pass whose deadline half ended: every step due at `at` was applied by then, unless `ok` is false. */
export interface SweepPass {
  at: Date;
  ok: boolean;
}

/**
 * The safety net under the outbox: Redis without persistence can lose jobs that were dispatched, a job can
 * exhaust its retries while Redis was flapping, and a delayed timer can be lost with them. SQLite knows
 * which orders are still waiting, so this puts their jobs back and applies overdue timeouts itself.
 *
 * A pass has two halves. The deadline half (reminders, expiries, reviews) needs SQLite only and runs first,
 * every pass; the Redis half (re-sending lost jobs) runs after it, one at a time, and a pass waits for it at
 * most `redisWaitMs`. They used to be one chain with the Redis calls first: while Redis was down one order
 * waiting for its job made every pass fail before it reached the deadlines, and a producer that had never
 * connected made the pass hang, so no hold was released for as long as Redis was away, which is exactly when
 * the sweeper is the only thing applying deadlines.
 */
export function createSweeper(deps: {
  db: Db;
  queues: Queues;
  orders: OrderService;
  clock: Clock;
  logger: Logger;
  /** How long an order may wait for its reserve job before the sweeper re-sends it. */
  graceMs?: number;
  /** Real ms a pass waits for its Redis half before it returns (the half goes on in the background). */
  redisWaitMs?: number;
}) {
  const grace = deps.graceMs ?? 10_000;
  const redisWaitMs = deps.redisWaitMs ?? 5000;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<SweepReport | null> | null = null;
  let repairing: Promise<void> | null = null;
  let last: SweepPass | null = null;

  async function ensureJob(
    queue: Queue,
    name: string,
    jobId: string,
    data: object,
    priority?: number,
  ): Promise<boolean> {
    const job = await queue.getJob(jobId);
    if (job) {
      if (await job.isFailed()) {
        await job.retry();
        return true;
      }
      return false;
    }
    await queue.add(name, data, { jobId, priority });
    return true;
  }

  /** Every open state's steps, last steps first (deadlines.ts): each is one index range on (status, column). */
  async function applyDeadlines(now: Date, report: SweepReport): Promise<void> {
    const at = now.toISOString();
    for (const step of SWEEP_ORDER) {
      const { status, column } = DEADLINE_STEPS[step];
      const due = await overdueSteps(deps.db, status, column, at, 1000);
      if (due.length === 0) continue;
      if (step === 'reserved_expire') {
        await deps.orders.expireMany(due.map((o) => o.id));
        report.expired += due.length;
      } else if (step === 'reserved_remind') {
        await deps.orders.remindMany(due.map((o) => o.id));
        report.reminded += due.length;
      } else {
        report.deadlines += (
          await deps.orders.applyDeadline(
            step,
            due.map((o) => o.id),
          )
        ).length;
      }
    }
    await deleteDispatchedBefore(deps.db, new Date(now.getTime() - 86_400_000).toISOString());
  }

  /** Puts back the jobs Redis lost: reserve jobs of orders still submitted, sends of notices still queued. */
  async function repairJobs(before: string, report: SweepReport): Promise<void> {
    for (const o of await staleSubmitted(deps.db, before, 1000)) {
      if (await ensureJob(deps.queues.orders as Queue, 'reserve', jobIds.reserve(o.id), { orderId: o.id }))
        report.redispatched++;
    }
    for (const n of await queuedNotificationsBefore(deps.db, before, 1000)) {
      if (
        await ensureJob(
          deps.queues.notify as Queue,
          'send',
          notifyJobId(n.id),
          { notificationId: n.id },
          noticePriority(n.template),
        )
      )
        report.notificationsRedispatched++;
    }
  }

  /** The Redis half, one at a time: true when it finished within the wait. A failure is logged by its owner. */
  async function repairWithin(before: string, report: SweepReport): Promise<boolean> {
    if (repairing) return false;
    let finished = false;
    const run = repairJobs(before, report)
      .then(() => void (finished = true))
      .catch((error: unknown) =>
        deps.logger.warn({ err: String(error) }, 'sweeper: Redis did not answer, lost jobs not re-sent yet'),
      )
      .finally(() => (repairing = null));
    repairing = run;
    let wait: NodeJS.Timeout | undefined;
    await Promise.race([run, new Promise<void>((r) => (wait = setTimeout(r, redisWaitMs)))]);
    clearTimeout(wait);
    return finished;
  }

  async function sweepOnce(): Promise<SweepReport | null> {
    const now = deps.clock.now();
    const report: SweepReport = {
      redispatched: 0,
      expired: 0,
      reminded: 0,
      deadlines: 0,
      notificationsRedispatched: 0,
      redisRepaired: false,
    };
    try {
      await applyDeadlines(now, report);
      last = { at: now, ok: true };
    } catch (error) {
      last = { at: now, ok: false };
      deps.logger.warn({ err: String(error) }, 'sweeper: pass failed, will try again');
      return null;
    }
    report.redisRepaired = await repairWithin(new Date(now.getTime() - grace).toISOString(), report);
    if (report.redispatched || report.expired || report.deadlines || report.notificationsRedispatched)
      deps.logger.info(report, 'sweeper: repaired');
    return report;
  }

  function sweep(): Promise<SweepReport | null> {
    // A pass still running is shared (the interval timer fires while one is slow).
    if (running) return running;
    running = sweepOnce().finally(() => (running = null));
    return running;
  }

  return {
    sweep,
    /** The last pass whose deadline half ended (for the simulation's deadline watch); null before the first. */
    lastPass: (): SweepPass | null => last,
    start(intervalMs: number) {
      timer = setInterval(() => void sweep(), intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
      await repairing;
    },
  };
}
export type Sweeper = ReturnType<typeof createSweeper>;
