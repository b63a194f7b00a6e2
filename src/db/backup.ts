import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { DomainError } from '../shared/errors.js';

/** What a backup or restore refuses, said so that the operator knows what to do instead. */
export class BackupError extends DomainError {
  readonly code = 'backup_refused';
}

/**
 * Tables whose rows mean that a database is in use. Migrations alone fill the areas and default settings,
 * so a freshly migrated database still counts as empty and may be restored into.
 */
const USE_TABLES = ['buyers', 'shops', 'orders', 'ledger_entries'] as const;

export interface BackupResult {
  file: string;
  pages: number;
  bytes: number;
}

/**
 * Copies a live database with SQLite's online backup API, from its own read-only connection, so the service
 * keeps running. All pages go in one step: the API restarts a stepwise copy whenever another connection writes,
 * and the service writes all the time; one step holds a read snapshot for its duration instead (WAL lets the
 * writers go on). The copy is then checked with `integrity_check` before it is reported as done.
 */
export async function backupDatabase(props: { from: string; to: string }): Promise<BackupResult> {
  if (!existsSync(props.from)) throw new BackupError(`no database at ${props.from}: nothing to back up`);
  if (existsSync(props.to)) throw new BackupError(`${props.to} exists already: choose a new file name`);
  if (!existsSync(dirname(props.to))) throw new BackupError(`no folder ${dirname(props.to)}: create it first`);
  const source = new Database(props.from, { readonly: true, fileMustExist: true });
  try {
    const progress = await source.backup(props.to, { progress: () => 0x7fffffff });
    const check = integrity(props.to);
    if (check !== 'ok') {
      rmSync(props.to, { force: true });
      throw new BackupError(`the copy failed its integrity check (${check}); nothing was kept`);
    }
    return { file: props.to, pages: progress.totalPages, bytes: statSync(props.to).size };
  } finally {
    source.close();
  }
}

/**
 * Restores a backup into an empty database (no file, or one whose tables hold no people, shops, orders or
 * ledger entries): restoring over live data would silently throw away what was recorded since the backup.
 * The caller migrates the result and runs `ledger verify` on it.
 */
export async function restoreDatabase(props: { from: string; to: string }): Promise<{ pages: number }> {
  if (!existsSync(props.from)) throw new BackupError(`no backup at ${props.from}`);
  const check = integrity(props.from);
  if (check !== 'ok') throw new BackupError(`${props.from} is not a sound SQLite database (${check})`);
  if (!isPekenDatabase(props.from))
    throw new BackupError(`${props.from} is not a peken database (no migrations table)`);
  const inUse = existsSync(props.to) ? rowsInUse(props.to) : [];
  if (inUse.length > 0) {
    throw new BackupError(
      `the database at ${props.to} is not empty (${inUse.join(', ')}): restore only into an empty database ` +
        '(stop the service, move the file away, then restore)',
    );
  }
  // A stale WAL beside an empty target would be replayed over the restored pages at the next open.
  for (const suffix of ['', '-wal', '-shm']) rmSync(props.to + suffix, { force: true });
  mkdirSync(dirname(props.to), { recursive: true });
  const source = new Database(props.from, { readonly: true, fileMustExist: true });
  try {
    const progress = await source.backup(props.to, { progress: () => 0x7fffffff });
    return { pages: progress.totalPages };
  } finally {
    source.close();
  }
}

function integrity(file: string): string {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return String(db.pragma('integrity_check', { simple: true }));
    } finally {
      db.close();
    }
  } catch (error) {
    return (error as Error).message;
  }
}

function isPekenDatabase(file: string): boolean {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return tableExists(db, 'kysely_migration');
  } finally {
    db.close();
  }
}

function rowsInUse(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return USE_TABLES.filter((t) => tableExists(db, t) && db.prepare(`select 1 from ${t} limit 1`).get() !== undefined);
  } finally {
    db.close();
  }
}

function tableExists(db: Database.Database, name: string): boolean {
  return db.prepare(`select 1 from sqlite_master where type = 'table' and name = ?`).get(name) !== undefined;
}
