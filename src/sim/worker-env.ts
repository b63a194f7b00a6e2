import type { VirtualTime } from './virtual-time.js';

export type DriverKind = 'direct' | 'engine';

/** What a simulation worker process needs to know, passed through its environment. */
export interface SimWorkerEnv {
  databaseFile: string;
  redisUrl: string;
  queuePrefix: string;
  time: VirtualTime;
  chatApiUrl: string;
  driver: DriverKind;
  concurrency: number;
  /** Notify workers per process (each sends four at a time). */
  notifySenders: number;
  /** Real ms each hold transaction stalls (`--hold-delay-ms`: a slow machine on purpose); 0 = none. */
  holdDelayMs: number;
}

export function toWorkerEnv(w: SimWorkerEnv): Record<string, string> {
  return {
    SIM_DB: w.databaseFile,
    SIM_REDIS: w.redisUrl,
    SIM_PREFIX: w.queuePrefix,
    SIM_START: String(w.time.start),
    SIM_SCALE: String(w.time.scale),
    SIM_WALL_START: String(w.time.wallStart),
    SIM_CHAT_URL: w.chatApiUrl,
    SIM_DRIVER: w.driver,
    SIM_CONCURRENCY: String(w.concurrency),
    SIM_NOTIFY_SENDERS: String(w.notifySenders),
    SIM_HOLD_DELAY_MS: String(w.holdDelayMs),
  };
}

/** Parses the environment of a simulation worker, failing fast with the variable's name. */
export function parseWorkerEnv(env: Record<string, string | undefined>): SimWorkerEnv {
  const need = (k: string) => {
    const v = env[k];
    if (!v) throw new Error(`${k} is required (sim-worker.ts is started by the simulation, not by hand)`);
    return v;
  };
  const num = (k: string) => {
    const n = Number(need(k));
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${k}: expected a positive number`);
    return n;
  };
  const driver = need('SIM_DRIVER');
  if (driver !== 'direct' && driver !== 'engine') throw new Error('SIM_DRIVER: expected direct or engine');
  return {
    databaseFile: need('SIM_DB'),
    redisUrl: need('SIM_REDIS'),
    queuePrefix: need('SIM_PREFIX'),
    time: { start: num('SIM_START'), scale: num('SIM_SCALE'), wallStart: num('SIM_WALL_START') },
    chatApiUrl: need('SIM_CHAT_URL'),
    driver,
    concurrency: num('SIM_CONCURRENCY'),
    notifySenders: num('SIM_NOTIFY_SENDERS'),
    holdDelayMs: holdDelay(env.SIM_HOLD_DELAY_MS),
  };
}

function holdDelay(raw: string | undefined): number {
  const n = Number(raw ?? '0');
  if (!Number.isInteger(n) || n < 0)
    throw new Error('SIM_HOLD_DELAY_MS: expected a whole number of milliseconds, 0 or more');
  return n;
}
