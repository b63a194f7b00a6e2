import type Database from 'better-sqlite3';
import { openDatabase, type Db } from './database.js';
import type { SqlDialect } from './dialect.js';
import { openPostgres } from './postgres.js';

/**
 * The database the service runs on, whichever it is. `sqlite` is the raw connection on SQLite (the health
 * probe's synchronous ping, benchmarks) and null on PostgreSQL.
 */
export interface OpenedDatabase {
  db: Db;
  dialect: SqlDialect;
  sqlite: Database.Database | null;
  close(): Promise<void>;
}

/** A `postgres://` (or `postgresql://`) URL names a PostgreSQL database; anything else is a SQLite file. */
export function isDatabaseUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/**
 * Opens the database at `location`: DATABASE_URL when set, else the SQLite file (config.ts chooses). One
 * process opens one pool on PostgreSQL; `poolMax` bounds its connections (each worker process has its own).
 */
export function openDatabaseAt(
  location: string,
  opts: { poolMax?: number; onIdleError?: (error: Error) => void } = {},
): OpenedDatabase {
  if (isDatabaseUrl(location)) {
    const pg = openPostgres({ url: location, max: opts.poolMax, onIdleError: opts.onIdleError });
    return { db: pg.db, dialect: 'postgres', sqlite: null, close: pg.close };
  }
  const h = openDatabase({ file: location });
  return { db: h.db, dialect: 'sqlite', sqlite: h.sqlite, close: h.close };
}
