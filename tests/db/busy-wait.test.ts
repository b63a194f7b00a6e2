import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/database.js';

// The other connection stands for another process (a worker, `peken import`): it holds the write lock in
// this same thread, so a wait that blocked the thread would never see it released.
let dir: string;
let h: DatabaseHandle;
let other: Database.Database;

function open(busyTimeoutMs: number) {
  h = openDatabase({ file: join(dir, 'busy.db'), busyTimeoutMs });
  h.sqlite.exec('create table t (x integer)');
  other = new Database(join(dir, 'busy.db'));
}

/** Counts event-loop turns while `work` runs: a blocked loop counts none. */
async function ticksDuring<T>(work: Promise<T>): Promise<{ ticks: number; result: PromiseSettledResult<T> }> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 10);
  const [result] = await Promise.allSettled([work]);
  clearInterval(timer);
  return { ticks, result: result! };
}

const count = () => h.sqlite.prepare('select count(*) as n from t').get() as { n: number };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'peken-busy-'));
});
afterEach(async () => {
  other.close();
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("waiting for another connection's write lock", () => {
  it('keeps the event loop running while a transaction waits, and goes on once the lock is free', async () => {
    open(5000);
    other.exec('begin immediate');
    other.exec('insert into t values (1)');
    setTimeout(() => other.exec('commit'), 300);
    const started = Date.now();
    const { ticks, result } = await ticksDuring(
      h.db.transaction().execute((trx) => sql`insert into t values (2)`.execute(trx)),
    );
    expect(result.status).toBe('fulfilled');
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    // About 30 turns of a 10 ms timer in 300 ms; a thread asleep in SQLite's busy handler gives none.
    expect(ticks).toBeGreaterThan(10);
    expect(count().n).toBe(2);
  });

  it('waits the same way for a statement outside a transaction', async () => {
    open(5000);
    other.exec('begin immediate');
    setTimeout(() => other.exec('commit'), 200);
    const { ticks, result } = await ticksDuring(
      h.db
        .insertInto('t' as never)
        .values({ x: 3 } as never)
        .execute(),
    );
    expect(result.status).toBe('fulfilled');
    expect(ticks).toBeGreaterThan(5);
    expect(count().n).toBe(1);
  });

  it('gives up with SQLITE_BUSY after the busy timeout, having written nothing', async () => {
    open(300);
    other.exec('begin immediate');
    const started = Date.now();
    const { result } = await ticksDuring(
      h.db.transaction().execute((trx) => sql`insert into t values (4)`.execute(trx)),
    );
    const waited = Date.now() - started;
    other.exec('rollback');
    expect(result.status).toBe('rejected');
    expect((result as PromiseRejectedResult).reason).toMatchObject({ code: 'SQLITE_BUSY' });
    expect(waited).toBeGreaterThanOrEqual(300);
    expect(waited).toBeLessThan(2000);
    expect(count().n).toBe(0);
  });
});
