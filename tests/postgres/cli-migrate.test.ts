import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgTestDb, type PgTestDb } from '../support/postgres.js';
import { spawnServer } from '../support/processes.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let t: PgTestDb;
let dir: string;
beforeAll(async () => {
  t = await createPgTestDb();
  dir = mkdtempSync(join(tmpdir(), 'peken-pg-cli-'));
});
afterAll(async () => {
  await t?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

function run(script: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: t.url, DATA_DIR: dir, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('DATABASE_URL', () => {
  it('peken migrate brings the PostgreSQL database up to date, and again says it is', async () => {
    const first = run('src/cli/main.ts', 'migrate');
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^applied \(PostgreSQL\): 0001_initial, /);
    const tables = await t.db.introspection.getTables();
    expect(tables.map((x) => x.name)).toEqual(expect.arrayContaining(['orders', 'ledger_entries', 'ledger_balances']));
    expect(run('src/cli/main.ts', 'migrate').out.trim()).toBe('schema is up to date (PostgreSQL)');
  });

  it('the service runs on it: /healthz finds the database, and no SQLite file appears', async () => {
    const server = await spawnServer({
      DATABASE_URL: t.url,
      DATA_DIR: dir,
      DEMO: '0',
      QUEUE_PREFIX: `t-pg-cli-${process.pid}`,
    });
    try {
      const health = (await (await fetch(`${server.base}/healthz`)).json()) as { database: string };
      expect(health.database).toBe('ok');
      expect(existsSync(join(dir, 'peken.db'))).toBe(false);
    } finally {
      await server.stop();
    }
  });

  it('a DATABASE_URL where no PostgreSQL answers stops the start with a message naming it, not a stack trace', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: 'postgres://peken@127.0.0.1:1/nowhere', DATA_DIR: dir, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr + r.stdout).toContain('DATABASE_URL: no PostgreSQL answers at 127.0.0.1:1/nowhere (as peken)');
    expect(r.stderr + r.stdout).not.toContain('    at ');
  });
});
