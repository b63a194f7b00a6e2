import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countAttempt } from '../../src/admin/login-code.repository.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { openPostgres, type PostgresHandle } from '../../src/db/postgres.js';
import { createPgTestDb, type PgTestDb } from '../support/postgres.js';

// The sign-in limits count attempts per phone and per address in the database, so that every server process
// counts against the same limit. Two processes counting at once must never both see the same count (a
// brute-force guess would slip through the limit).

let t: PgTestDb;
let other: PostgresHandle;
beforeAll(async () => {
  t = await createPgTestDb();
  await migrateToLatest(t.db);
  other = openPostgres({ url: t.url });
});
afterAll(async () => {
  await other?.close();
  await t?.cleanup();
});

describe('sign-in attempts counted from two processes on PostgreSQL', () => {
  it('gives every attempt its own count, and the window counts them all', async () => {
    const now = '2026-11-10T03:00:00.000Z';
    const after = '2026-11-10T02:45:00.000Z';
    const counts = await Promise.all(
      Array.from({ length: 40 }, (_, i) => countAttempt(i % 2 ? t.db : other.db, 'fail:+6281300000009', now, after)),
    );
    expect(counts.map((c) => c.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    // A window that has run out starts again at one.
    const later = await countAttempt(t.db, 'fail:+6281300000009', '2026-11-10T04:00:00.000Z', now);
    expect(later).toEqual({ count: 1, windowStart: '2026-11-10T04:00:00.000Z' });
  });
});
