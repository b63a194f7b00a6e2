import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isDemoCity, seedDemo, seedDemoIfEmpty } from '../../src/demo/seed-demo.js';
import { ManualClock } from '../../src/shared/clock.js';
import { makeBuyer } from '../support/fixtures.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

const clock = new ManualClock('2026-11-01T00:00:00Z');

describe('the demo city mark', () => {
  it('is set when the demo city is loaded, so that the web chat may open to anyone there', async () => {
    expect(await isDemoCity(t.db)).toBe(false);
    await seedDemo(t.db, { clock, buyers: 3, shopsPerKind: 1 });
    expect(await isDemoCity(t.db)).toBe(true);
  });

  it('is not set on a database with a real roster, even when DEMO is on (nothing is seeded there)', async () => {
    await makeBuyer(t.db);
    expect(await seedDemoIfEmpty(t.db, { clock })).toBeNull();
    expect(await isDemoCity(t.db)).toBe(false);
  });
});
