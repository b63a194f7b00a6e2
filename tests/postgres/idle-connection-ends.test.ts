import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabaseAt, type OpenedDatabase } from '../../src/db/open.js';
import { onServer } from '../../src/db/pg-admin.js';
import { createPgTestDb, type PgTestDb } from '../support/postgres.js';

// A PostgreSQL restart, a failover or an operator's pg_terminate_backend ends the pool's idle connections.
// pg reports that as an 'error' event on the pool; unheard, Node ends the process (every server and worker at
// once). The pool must hear it, say so, and serve the next query on a new connection.

let t: PgTestDb;
let opened: OpenedDatabase;
const heard: Error[] = [];
beforeAll(async () => {
  t = await createPgTestDb();
  opened = openDatabaseAt(t.url, { poolMax: 2, onIdleError: (e) => heard.push(e) });
});
afterAll(async () => {
  await opened?.close();
  await t?.cleanup();
});

describe('an idle PostgreSQL connection ended by the server', () => {
  it('is reported once, and the next query runs on a new connection', async () => {
    const first = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(opened.db);
    const pid = first.rows[0]!.pid;
    await onServer(t.url, (c) => c.query('select pg_terminate_backend($1)', [pid]));
    for (let waited = 0; heard.length === 0 && waited < 5000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    expect(heard.map((e) => e.message)).toEqual([expect.stringMatching(/terminating connection/)]);
    const next = await sql<{ pid: number; one: number }>`select pg_backend_pid() as pid, 1 as one`.execute(opened.db);
    expect(next.rows[0]!.one).toBe(1);
    expect(next.rows[0]!.pid).not.toBe(pid);
  });
});
