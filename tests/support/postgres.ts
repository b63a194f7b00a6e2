import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { onServer } from '../../src/db/pg-admin.js';
import { openPostgres, type PostgresHandle } from '../../src/db/postgres.js';

/** Where the PostgreSQL tests find a server: PG_URL, else the local default (trust auth, user postgres). */
export const PG_URL = process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface PgTestDb extends PostgresHandle {
  name: string;
  url: string;
  /** Closes the pool and drops the database. */
  cleanup(): Promise<void>;
}

/** Runs `fn` on the test server's maintenance database (creating and dropping databases). */
export const admin = <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => onServer(PG_URL, fn);

/**
 * A fresh database per test file, created here and dropped by cleanup(): empty, or a copy of `template` (a
 * migrated database made once per run, which is much faster than migrating every file's database), or with a
 * language's `collation`.
 */
export async function createPgTestDb(opts: { template?: string; collation?: 'en-US' } = {}): Promise<PgTestDb> {
  const name = `peken_test_${randomBytes(6).toString('hex')}`;
  // A language collation (as many servers are initialised) needs template0 and ICU.
  const from = opts.collation
    ? ` template template0 locale_provider icu icu_locale '${opts.collation}'`
    : opts.template
      ? ` template ${opts.template}`
      : '';
  await admin((c) => c.query(`create database ${name}${from}`));
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const handle = openPostgres({ url: url.toString() });
  return {
    ...handle,
    name,
    url: url.toString(),
    cleanup: async () => {
      await handle.close();
      await admin((c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}
