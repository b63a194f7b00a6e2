import { hostname } from 'node:os';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { createGroupCommit } from '../../db/group-commit.js';
import { isDeadlineStep } from '../../orders/deadlines.js';
import type { OrderService } from '../../orders/order.service.js';
import type { OrderJobName, OrderJobs } from '../../orders/orders.jobs.js';
import { DomainError, NotFoundError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { QUEUES } from '../queues.js';

/** An order of a group that is gone (it cannot be, short of a hand-edited database) does not stop the others. */
const skipUnknown = (error: unknown): undefined => {
  if (error instanceof NotFoundError) return undefined;
  throw error;
};

const isOrderJob = (name: string): name is OrderJobName =>
  name === 'reserve' || name === 'remind' || name === 'expire' || name === 'deadline';

/** The step of a deadline timer: only the steps that timers carry (the reserved ones have their own jobs). */
function stepOf(job: Job) {
  const step = (job.data as Partial<OrderJobs['deadline']>)?.step;
  if (!isDeadlineStep(step) || step === 'reserved_remind' || step === 'reserved_expire')
    throw new UnrecoverableError(`bad payload for ${job.name}`);
  return step;
}

const isOrderId = (id: unknown): id is string => typeof id === 'string' && /^[0-9a-z]{10,40}$/.test(id);

/** Validates a job payload: only typed values pass inward. */
function orderIdOf(job: Job): string {
  const id = (job.data as Partial<OrderJobs['reserve']>)?.orderId;
  if (!isOrderId(id)) throw new UnrecoverableError(`bad payload for ${job.name}`);
  return id;
}

/** A timer's orders. A timer written before timers were grouped carries one `orderId`; it still counts. */
function orderIdsOf(job: Job): string[] {
  const data = job.data as Partial<OrderJobs['remind']> & { orderId?: unknown };
  if (data?.orderIds === undefined && data?.orderId !== undefined) return [orderIdOf(job)];
  const ids = data?.orderIds;
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > 1000 || !ids.every(isOrderId))
    throw new UnrecoverableError(`bad payload for ${job.name}`);
  return ids;
}

/**
 * Runs the order jobs. Every step it calls is idempotent, so a job that runs twice (a crash after the
 * commit, a stalled lock taken over, a sweeper re-dispatch) has no second effect.
 */
export function createOrderWorker(deps: {
  connection: Redis;
  prefix: string;
  orders: OrderService;
  logger: Logger;
  concurrency: number;
  lockDuration?: number;
}): Worker {
  // Reserve jobs fetched together share one transaction (see group-commit.ts).
  const reserve = createGroupCommit({ maxBatch: 64, runBatch: (ids: string[]) => deps.orders.reserveMany(ids) });
  const worker = new Worker(
    QUEUES.orders,
    async (job) => {
      if (!isOrderJob(job.name)) throw new UnrecoverableError(`unknown order job ${job.name}`);
      try {
        switch (job.name) {
          case 'reserve': {
            const r = await reserve(orderIdOf(job));
            return r.outcome === 'refused' ? `refused:${r.reason}` : r.outcome;
          }
          case 'remind':
            return `${(await deps.orders.remindMany(orderIdsOf(job))).length} found`;
          case 'expire': {
            let expired = 0;
            for (const id of orderIdsOf(job)) {
              // Each on its own, as a timer did before; one that moved on is left as it is.
              if ((await deps.orders.expire(id).catch(skipUnknown))?.status === 'expired') expired++;
            }
            return `${expired} expired`;
          }
          case 'deadline': {
            const step = stepOf(job);
            return `${step}: ${(await deps.orders.applyDeadline(step, orderIdsOf(job))).length} applied`;
          }
        }
      } catch (error) {
        // A rule said no (unknown order…): retrying cannot change the answer.
        if (error instanceof DomainError) throw new UnrecoverableError(`${error.code}: ${error.message}`);
        throw error;
      }
    },
    {
      connection: deps.connection,
      prefix: deps.prefix,
      // Shown as the job's processedBy: which process ran which job, for operators and tests.
      name: `orders@${hostname()}:${process.pid}`,
      concurrency: deps.concurrency,
      lockDuration: deps.lockDuration ?? 30_000,
      stalledInterval: Math.max(1000, Math.floor((deps.lockDuration ?? 30_000) / 2)),
    },
  );
  worker.on('failed', (job, err) =>
    deps.logger.warn({ job: job?.name, jobId: job?.id, err: err.message }, 'order job failed'),
  );
  worker.on('error', (err) => deps.logger.warn({ err: err.message }, 'order worker error'));
  return worker;
}
