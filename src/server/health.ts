import { sql } from 'kysely';
import type { Redis } from 'ioredis';
import type { Db } from '../db/database.js';

export interface HealthReport {
  status: 'ok' | 'degraded';
  database: 'ok' | 'down';
  redis: 'ok' | 'down';
  [component: string]: unknown;
}

/** What /healthz reports. Extra components (the WhatsApp session state) come in as functions. */
export function createHealthCheck(deps: { db: Db; redis: Redis; extra?: Record<string, () => unknown> }) {
  return async (): Promise<HealthReport> => {
    const database = await sql`select 1`.execute(deps.db).then(() => 'ok' as const, () => 'down' as const);
    const redis = await Promise.race([
      deps.redis.ping().then(() => 'ok' as const, () => 'down' as const),
      new Promise<'down'>((r) => setTimeout(() => r('down'), 1000).unref()),
    ]);
    const extra = Object.fromEntries(Object.entries(deps.extra ?? {}).map(([k, f]) => [k, f()]));
    return { status: database === 'ok' && redis === 'ok' ? 'ok' : 'degraded', database, redis, ...extra };
  };
}
