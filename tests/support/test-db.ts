import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { CompiledQuery } from 'kysely';
import { inject } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import type { Db } from '../../src/db/database.js';
import type { SqlDialect } from '../../src/db/dialect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createPgTestDb } from './postgres.js';

export interface TestDb {
  db: Db;
  dialect: SqlDialect;
  /** The raw SQLite connection; SQLite-only tests (excluded from test:pg in vitest.config.ts) use it. */
  sqlite: Database.Database;
  /** A temporary folder for the test's files (DATA_DIR, media), removed by cleanup. */
  dir: string;
  /** The SQLite file ('' on PostgreSQL). */
  file: string;
  /** Where createCore finds this database: the SQLite file, or the PostgreSQL URL under test:pg. */
  location: string;
  /** The environment a child process (npm start, the CLI, a worker) needs to open this database. */
  env: Record<string, string>;
  /** A test's own query, written once for both databases with `?` placeholders: its rows. */
  all<T = Record<string, unknown>>(text: string, ...params: unknown[]): Promise<T[]>;
  /** The same, its first row (undefined without one). */
  one<T = Record<string, unknown>>(text: string, ...params: unknown[]): Promise<T | undefined>;
  close(): Promise<void>;
  /** Closes and deletes the files (drops the database on PostgreSQL). */
  cleanup(): Promise<void>;
}

/**
 * A fresh database migrated to the latest schema: a real SQLite file in a temp folder, or, under
 * `npm run test:pg` (TEST_DATABASE=postgres), a fresh PostgreSQL database copied from the migrated template
 * that tests/support/pg-global-setup.ts made once for the run.
 */
/** `?` placeholders as PostgreSQL's `$1, $2, …` (the tests' queries quote no question mark). */
function placeholders(text: string, dialect: SqlDialect): string {
  let n = 0;
  return dialect === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text;
}

function queries(db: Db, dialect: SqlDialect): Pick<TestDb, 'all' | 'one'> {
  const all = async <T>(text: string, ...params: unknown[]) =>
    (await db.executeQuery<T>(CompiledQuery.raw(placeholders(text, dialect), params))).rows as T[];
  return { all, one: async <T>(text: string, ...params: unknown[]) => (await all<T>(text, ...params))[0] };
}

export async function createTestDb(): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), 'peken-test-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  if (process.env.TEST_DATABASE === 'postgres') {
    const pg = await createPgTestDb({ template: inject('pgTemplate') });
    return {
      db: pg.db,
      dialect: 'postgres',
      sqlite: new Proxy({} as Database.Database, {
        get: () => {
          throw new Error('t.sqlite is SQLite only: list this test file as SQLite-only in vitest.config.ts');
        },
      }),
      dir,
      file: '',
      location: pg.url,
      env: { DATABASE_URL: pg.url },
      ...queries(pg.db, 'postgres'),
      close: pg.close,
      cleanup: async () => {
        await pg.cleanup();
        removeDir();
      },
    };
  }
  const file = join(dir, 'peken.db');
  const handle = openDatabase({ file });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    dialect: 'sqlite',
    dir,
    file,
    location: file,
    env: { DATABASE_FILE: file },
    ...queries(handle.db, 'sqlite'),
    cleanup: async () => {
      await handle.close();
      removeDir();
    },
  };
}
