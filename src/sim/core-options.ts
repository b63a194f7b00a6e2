import type { CoreOptions } from '../app/core.js';
import type { Logger } from '../shared/logger.js';
import { clockOf, type VirtualTime } from './virtual-time.js';

/** Real milliseconds between two sweeper passes in a run (the deadline watch allows one of them). */
export const SIM_SWEEP_INTERVAL_MS = 150;

/**
 * The core's options for every process of a run. Timers that the core measures on its clock (the sweeper's
 * grace) are virtual, so they are scaled; intervals and locks are real. BullMQ delays are real too, so a
 * reminder 30 virtual minutes ahead waits 30 real minutes in Redis: the sweeper, comparing virtual times,
 * reminds and expires first, and the late timer is a no-op.
 */
export function simCoreOptions(p: {
  databaseFile: string;
  redisUrl: string;
  queuePrefix: string;
  time: VirtualTime;
  logger: Logger;
  workers: boolean;
  concurrency: number;
  /** Real ms to stall inside each hold transaction (`--hold-delay-ms`); 0 or absent = none. */
  holdDelayMs?: number;
}): CoreOptions {
  return {
    database: p.databaseFile,
    redisUrl: p.redisUrl,
    queuePrefix: p.queuePrefix,
    clock: clockOf(p.time),
    logger: p.logger,
    workers: p.workers,
    workerConcurrency: p.concurrency,
    // A killed worker's jobs are taken over after this (real) lock time.
    workerLockMs: 2000,
    sweepIntervalMs: SIM_SWEEP_INTERVAL_MS,
    // Re-send an order's job when it waited 3 real seconds (a Redis restart lost it).
    sweepGraceMs: 3000 * p.time.scale,
    outboxIntervalMs: 250,
    // The simulated chat API has no rate limit worth pacing for.
    telegramRatePerSecond: 5000,
    faultHoldDelayMs: p.holdDelayMs ?? 0,
  };
}
