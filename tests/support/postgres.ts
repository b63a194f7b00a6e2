import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgres, type PostgresHandle } from '../../src/db/postgres.js';

/** Where the PostgreSQL tests find a server: PG_URL, else the local default (trust auth, user postgres). */
export const PG_URL = process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface PgTestDb extends PostgresHandle {
  name: string;
  url: string;
  /** Closes the pool and drops the database. */
  cleanup(): Promise<void>;
}

export async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `No PostgreSQL answers at ${PG_URL} (${(error as Error).message}): start it, or set PG_URL (.ci/run does this).`,
    );
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database per test file, created here and dropped by cleanup(): empty, or a copy of `template` (a
 * migrated database made once per run, which is much faster than migrating every file's database).
 */
export async function createPgTestDb(opts: { template?: string } = {}): Promise<PgTestDb> {
  const name = `peken_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create database ${name}${opts.template ? ` template ${opts.template}` : ''}`));
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
