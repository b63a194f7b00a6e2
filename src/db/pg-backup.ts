import { spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { sql } from 'kysely';
import { BackupError } from './backup.js';
import { openPostgres } from './postgres.js';

/** Tables whose rows mean that a database is in use (as for SQLite in backup.ts). */
const USE_TABLES = ['buyers', 'shops', 'orders', 'ledger_entries'] as const;

const HOW =
  'install the PostgreSQL client tools (Debian: apt-get install postgresql-client, the same major version as the ' +
  'server or newer), or take the backup yourself with: pg_dump --format=custom --file=<file> "$DATABASE_URL"';

function toolAvailable(tool: 'pg_dump' | 'pg_restore'): boolean {
  return spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0;
}

function run(tool: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new BackupError(`${tool} failed (exit ${code}): ${err.trim().slice(0, 500)}`)),
    );
  });
}

/**
 * Backs up a running PostgreSQL database with pg_dump (custom format): pg_dump reads one consistent snapshot
 * while the service goes on writing. Without pg_dump it says how to get one rather than fail obscurely.
 */
export async function backupPostgres(props: { url: string; to: string }): Promise<{ file: string; bytes: number }> {
  if (!toolAvailable('pg_dump')) throw new BackupError(`pg_dump is not installed: ${HOW}`);
  if (existsSync(props.to)) throw new BackupError(`${props.to} exists already: choose a new file name`);
  if (!existsSync(dirname(props.to))) throw new BackupError(`no folder ${dirname(props.to)}: create it first`);
  try {
    await run('pg_dump', ['--format=custom', '--no-owner', `--file=${props.to}`, `--dbname=${props.url}`]);
  } catch (error) {
    rmSync(props.to, { force: true });
    throw error;
  }
  return { file: props.to, bytes: statSync(props.to).size };
}

/**
 * Restores a pg_dump backup into an empty database (no people, shops, orders or ledger entries; a freshly
 * migrated one counts as empty), in one transaction: its tables are replaced by the backup's. The caller
 * migrates the result and runs `ledger verify`.
 */
export async function restorePostgres(props: { from: string; url: string }): Promise<void> {
  if (!existsSync(props.from)) throw new BackupError(`no backup at ${props.from}`);
  if (!toolAvailable('pg_restore'))
    throw new BackupError(`pg_restore is not installed: ${HOW.replace('backup', 'restore')}`);
  const inUse = await rowsInUse(props.url);
  if (inUse.length > 0) {
    throw new BackupError(
      `the database at DATABASE_URL is not empty (${inUse.join(', ')}): restore only into an empty database ` +
        '(create a new one, point DATABASE_URL at it, then restore)',
    );
  }
  await run('pg_restore', [
    '--clean',
    '--if-exists',
    '--no-owner',
    '--single-transaction',
    '--exit-on-error',
    `--dbname=${props.url}`,
    props.from,
  ]);
}

async function rowsInUse(url: string): Promise<string[]> {
  const h = openPostgres({ url, max: 1 });
  try {
    const found: string[] = [];
    for (const table of USE_TABLES) {
      const exists = await sql<{ t: string | null }>`select to_regclass(${table}) as t`.execute(h.db);
      if (!exists.rows[0]?.t) continue;
      const any = await sql`select 1 from ${sql.table(table)} limit 1`.execute(h.db);
      if (any.rows.length > 0) found.push(table);
    }
    return found;
  } finally {
    await h.close();
  }
}
