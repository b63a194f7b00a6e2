import type { Db } from '../db/database.js';
import type { OrderService } from '../orders/order.service.js';
import { noticePriority } from '../notify/notice-priority.js';
import { overdueSteps, staleSubmitted } from '../orders/order.repository.js';
import { DEADLINE_STEPS, SWEEP_ORDER } from '../orders/deadlines.js';
import { jobIds } from '../queue/queue-names.js';
import type { Queues } from '../queue/queues.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import { deleteDispatchedBefore } from './outbox.repository.js';
import type { Queue } from 'bullmq';

export interface SweepReport {
  redispatched: number;
  expired: number;
  reminded: number;
  /** Deadline steps of accepted and delivered orders applied (reminders, questions, expiries, reviews). */
  deadlines: number;
  notificationsRedispatched: number;
}

/**
 * The safety net under the outbox: Redis without persistence can lose jobs that were dispatched, a job can
 * exhaust its retries while Redis was flapping, and a delayed timer can be lost with them. SQLite knows
 * which orders are still waiting, so this puts their jobs back and applies overdue timeouts itself.
 */
export function createSweeper(deps: {
  db: Db;
  queues: Queues;
  orders: OrderService;
  clock: Clock;
  logger: Logger;
  /** How long an order may wait for its reserve job before the sweeper re-sends it. */
  graceMs?: number;
}) {
  const grace = deps.graceMs ?? 10_000;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<SweepReport> | null = null;

  async function ensureJob(queue: Queue, name: string, jobId: string, data: object, priority?: number): Promise<boolean> {
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

  async function sweepOnce(): Promise<SweepReport> {
    const now = deps.clock.now();
    const before = new Date(now.getTime() - grace).toISOString();
    const report: SweepReport = { redispatched: 0, expired: 0, reminded: 0, deadlines: 0, notificationsRedispatched: 0 };
    for (const o of await staleSubmitted(deps.db, before, 1000)) {
      if (await ensureJob(deps.queues.orders as Queue, 'reserve', jobIds.reserve(o.id), { orderId: o.id })) report.redispatched++;
    }
    // Every open state's steps, last steps first (deadlines.ts): each is one index range on (status, column).
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
        report.deadlines += (await deps.orders.applyDeadline(step, due.map((o) => o.id))).length;
      }
    }
    const stuck = await deps.db
      .selectFrom('notifications')
      .select(['id', 'template'])
      .where('status', '=', 'queued')
      .where('created_at', '<', before)
      .limit(1000)
      .execute();
    for (const n of stuck) {
      if (await ensureJob(deps.queues.notify as Queue, 'send', jobIds.notify(n.id), { notificationId: n.id }, noticePriority(n.template))) report.notificationsRedispatched++;
    }
    await deleteDispatchedBefore(deps.db, new Date(now.getTime() - 86_400_000).toISOString());
    return report;
  }

  async function sweep(): Promise<SweepReport | null> {
    // A pass still running (Redis slow to come back) is shared; its failure is logged once, by its owner.
    if (running) return running.catch(() => null);
    running = sweepOnce();
    try {
      const r = await running;
      if (r.redispatched || r.expired || r.deadlines || r.notificationsRedispatched) deps.logger.info(r, 'sweeper: repaired');
      return r;
    } catch (error) {
      deps.logger.warn({ err: String(error) }, 'sweeper: pass failed, will try again')
      return null;
    } finally {
      running = null;
    }
  }

  return {
    sweep,
    start(intervalMs: number) {
      timer = setInterval(() => void sweep(), intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => {});
    },
  };
}
export type Sweeper = ReturnType<typeof createSweeper>;
