import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PreparingClient } from './preparing-client.js';
import type { DB } from './schema.js';

// int8 (bigint: ids, money, count(*)) arrives from pg as a string, to keep precision past 2^53. Our values stay
// far below that (rupiah sums of a country's month are ~10^13), and the code is written for numbers, as
// better-sqlite3 returns them. numeric (sum() over bigint) likewise.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export interface PostgresHandle {
  db: Kysely<DB>;
  pool: pg.Pool;
  close(): Promise<void>;
}

/**
 * Opens a pool on `DATABASE_URL`-style URL (postgres://user@host:port/database). An idle connection that the
 * server ends (a restart, a failover, an operator's pg_terminate_backend) is an 'error' event on the pool; with
 * no listener Node ends the whole process. The pool drops that connection and opens a new one when asked, so
 * the error is only worth a line: `onIdleError` says where it goes.
 */
export function openPostgres(props: {
  url: string;
  max?: number;
  onIdleError?: (error: Error) => void;
}): PostgresHandle {
  const pool = new pg.Pool({ connectionString: props.url, max: props.max ?? 10, Client: PreparingClient });
  pool.on('error', props.onIdleError ?? (() => {}));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool, close: () => db.destroy() };
}
