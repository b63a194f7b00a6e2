import type { Redis } from 'ioredis';
import type { Db } from '../db/database.js';
import { pingDatabase, type RawSqlite } from '../db/ping.js';

export interface HealthReport {
  status: 'ok' | 'degraded';
  database: 'ok' | 'down';
  redis: 'ok' | 'down';
  /** The WhatsApp session, when a gateway runs in this process or has published its state to Redis. */
  whatsapp?: { state: string; since?: string; restarts?: number };
  [component: string]: unknown;
}

/** The WhatsApp session as /healthz shows it (never the QR: /healthz needs no sign-in). */
export interface WhatsAppHealth {
  state: string;
  since?: Date | string;
  restarts?: number;
}

/**
 * What /healthz reports. Extra components come in as functions. A WhatsApp session that is not ready is
 * shown but does not make the server unhealthy: restarting the server would not bring it back (it needs a
 * scan or WhatsApp's servers), and the notices for it wait in their queue.
 */
/** How long an answered Redis PING stands for /healthz. */
export const REDIS_ANSWER_STANDS_MS = 1000;

export function createHealthCheck(deps: {
  db: Db;
  /**
   * The raw connection behind `db`. Kysely's driver runs one statement at a time on it, first come first
   * served: under a flood of chat messages (200 at once, ten statements each) a `select 1` through `db`
   * waited its turn for seconds (issue 19, item 6), so /healthz said slow when the server was only busy.
   * Asked directly (one synchronous statement of microseconds) it still proves the database answers.
   */
  sqlite?: RawSqlite;
  redis: Redis;
  whatsapp?: () => WhatsAppHealth | null;
  extra?: Record<string, () => unknown>;
}) {
  // A PING answered within the last second stands (and a new one is sent meanwhile): under a web-chat flood
  // each turn of the event loop carries one message, and waiting for Redis's answer took /healthz one more
  // turn than any other route (issue 19, item 6). Older than that, /healthz waits for a PING of its own.
  let answeredAt = -Infinity;
  let inFlight: Promise<'ok' | 'down'> | null = null;
  const pingRedis = () =>
    (inFlight ??= Promise.race([
      deps.redis.ping().then(
        () => 'ok' as const,
        () => 'down' as const,
      ),
      new Promise<'down'>((r) => setTimeout(() => r('down'), 1000).unref()),
    ]).then((state) => {
      if (state === 'ok') answeredAt = performance.now();
      inFlight = null;
      return state;
    }));
  return async (): Promise<HealthReport> => {
    const database = await pingDatabase(deps.db, deps.sqlite);
    const fresh = performance.now() - answeredAt < REDIS_ANSWER_STANDS_MS;
    const pinged = pingRedis();
    const redis = fresh ? 'ok' : await pinged;
    const extra = Object.fromEntries(Object.entries(deps.extra ?? {}).map(([k, f]) => [k, f()]));
    const wa = deps.whatsapp?.() ?? null;
    const whatsapp = wa
      ? {
          whatsapp: {
            state: wa.state,
            since: wa.since instanceof Date ? wa.since.toISOString() : wa.since,
            restarts: wa.restarts,
          },
        }
      : {};
    return { status: database === 'ok' && redis === 'ok' ? 'ok' : 'degraded', database, redis, ...extra, ...whatsapp };
  };
}
