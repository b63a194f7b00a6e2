import { Kysely, PostgresAdapter, PostgresDialect, type PostgresDialectConfig } from 'kysely';
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
 * PostgreSQL's adapter with the URL its pool connects to, so that a worker thread (exports, upload checks)
 * can open a connection of its own there (database-location.ts). The adapter, because the pool is private
 * to Kysely's driver while every executor of a Kysely instance (its transactions, `withPlugin` copies)
 * shares the adapter.
 */
export class LocatedPostgresAdapter extends PostgresAdapter {
  constructor(readonly url: string) {
    super();
  }
}

class LocatedPostgresDialect extends PostgresDialect {
  readonly #url: string;
  constructor(config: PostgresDialectConfig, url: string) {
    super(config);
    this.#url = url;
  }
  override createAdapter(): LocatedPostgresAdapter {
    return new LocatedPostgresAdapter(this.#url);
  }
}

/**
 * Opens a pool on `DATABASE_URL`-style URL (postgres://user@host:port/database). An idle connection that the
 * server ends (a restart, a failover, an operator's pg_terminate_backend) is an 'error' event on the pool; with
 * no listener Node ends the whole process. The pool drops that connection and opens a new one when asked, so
 * the error is only worth a line: `onIdleError` says where it goes. A worker thread opens a small pool
 * (`max: 1`) with `cursor` (pg-cursor), which streams a query in batches, `readOnly` when it only reads, and
 * its `name` as the connection's application_name (what pg_stat_activity shows operators).
 */
export function openPostgres(props: {
  url: string;
  max?: number;
  onIdleError?: (error: Error) => void;
  cursor?: PostgresDialectConfig['cursor'];
  readOnly?: boolean;
  name?: string;
}): PostgresHandle {
  const pool = new pg.Pool({
    connectionString: props.url,
    max: props.max ?? 10,
    Client: PreparingClient,
    application_name: props.name,
    options: props.readOnly ? '-c default_transaction_read_only=on' : undefined,
  });
  pool.on('error', props.onIdleError ?? (() => {}));
  const db = new Kysely<DB>({ dialect: new LocatedPostgresDialect({ pool, cursor: props.cursor }, props.url) });
  return { db, pool, close: () => db.destroy() };
}
