import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isDemoCity, seedDemo, seedDemoIfEmpty } from '../../src/demo/seed-demo.js';
import { ManualClock } from '../../src/shared/clock.js';
import { normalizePhone } from '../../src/shared/phone.js';
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

describe('the demo phones', () => {
  it('are all in the unallocated 084 range, so that a demo database on a real gateway never reaches a real person', async () => {
    await seedDemo(t.db, { clock });
    const buyers = (await t.db.selectFrom('buyers').select('phone').execute()).map((b) => b.phone);
    const contacts = (await t.db.selectFrom('shop_contacts').select('phone').execute()).map((c) => c.phone);
    expect(buyers).toHaveLength(200);
    expect(contacts).toHaveLength(160);
    for (const phone of [...buyers, ...contacts]) {
      // 081x, 082x, 083x, 085x, 087x, 088x, 089x belong to operators; 084x to none.
      expect(phone).toMatch(/^\+6284/);
      // Still an Indonesian mobile number as the roster import and the flows read one.
      expect(normalizePhone(phone)).toBe(phone);
    }
  });
});
