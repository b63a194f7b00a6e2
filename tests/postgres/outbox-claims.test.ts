import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from 'kysely';
import { migrateToLatest } from '../../src/db/migrate.js';
import { openPostgres, type PostgresHandle } from '../../src/db/postgres.js';
import { createRedis } from '../../src/jobs/connection.js';
import { createOutboxDispatcher } from '../../src/jobs/outbox-dispatcher.js';
import { createQueues, QUEUES } from '../../src/jobs/queues.js';
import { systemClock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/logger.js';
import { createPgTestDb, type PgTestDb } from '../support/postgres.js';

// Every process runs an outbox dispatcher: the server and each worker. On PostgreSQL they must take rows no
// other one is sending (a row lock, skip locked), so that each row goes to Redis once; before, each read the
// same pending rows and most rows were sent about twice (twice the Redis scripts and marks of the pipeline).

const ROWS = 3000;
let t: PgTestDb;
let other: PostgresHandle;
const prefix = `t-outbox-claims-${process.pid}-${Date.now()}`;
const producer = createRedis(inject('redisUrl'), 'producer');
const queues = createQueues({ connection: producer, prefix });
beforeAll(async () => {
  t = await createPgTestDb();
  await migrateToLatest(t.db);
  other = openPostgres({ url: t.url });
});
afterAll(async () => {
  await queues.orders.obliterate({ force: true }).catch(() => {});
  await queues.close();
  producer.disconnect();
  await other?.close();
  await t?.cleanup();
});

describe('outbox dispatchers of two processes on PostgreSQL', () => {
  it('send each pending row once between them, and leave none pending', async () => {
    await sql`insert into outbox (queue, job_name, job_id, payload, created_at)
      select ${QUEUES.orders}, 'reserve', 'reserve-t' || i, json_build_object('orderId', 'o' || i)::text,
        '2026-11-10T03:00:00.000Z'
      from generate_series(1, ${ROWS}) i`.execute(t.db);
    const one = createOutboxDispatcher({ db: t.db, queues, clock: systemClock, logger: silentLogger() });
    const two = createOutboxDispatcher({ db: other.db, queues, clock: systemClock, logger: silentLogger() });
    const moved = await Promise.all([one.flush(), two.flush(), one.flush(), two.flush()]);
    expect(moved[0]! + moved[1]!).toBe(ROWS);
    // Each took a share: the second was not simply late.
    expect(Math.min(moved[0]!, moved[1]!)).toBeGreaterThan(0);
    const left = await sql<{ n: number }>`select count(*) as n from outbox where dispatched_at is null`.execute(t.db);
    expect(Number(left.rows[0]!.n)).toBe(0);
    expect(await queues.orders.count()).toBe(ROWS);
  });
});
