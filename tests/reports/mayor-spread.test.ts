import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReportService } from '../../src/reports/report.service.js';
import { ManualClock } from '../../src/shared/clock.js';
import { createSettingsService } from '../../src/settings/settings.service.js';
import { spend } from '../broadcasts/support.js';
import { makeShop } from '../support/fixtures.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

// Issue 20: the monthly report for the mayor's office carries how evenly the money spread over the shops.

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

/** Gini by its definition, Σ|xi − xj| / (2 n Σx), independently of src/shared/gini.ts. */
function giniByDefinition(xs: readonly number[]): number {
  const total = xs.reduce((a, b) => a + b, 0);
  if (xs.length === 0 || total === 0) return 0;
  let diff = 0;
  for (const a of xs) for (const b of xs) diff += Math.abs(a - b);
  return diff / (2 * xs.length * total);
}

describe('the mayor’s monthly report: spread of shop revenue', () => {
  it('gives the Gini of the active shops’ committed revenue, the shops helped and those with no order yet, as the ledger says', async () => {
    const a = await makeShop(t.db);
    const b = await makeShop(t.db, { kelurahan: '35.78.01.1001' });
    const held = await makeShop(t.db);
    await makeShop(t.db); // no order at all
    const lastMonth = await makeShop(t.db);
    const suspended = await makeShop(t.db, { status: 'suspended' });
    await spend(t.db, `shop:${a.id}`, 1_000_000);
    await spend(t.db, `shop:${a.id}`, 400_000);
    await spend(t.db, `shop:${b.id}`, 250_000);
    await spend(t.db, `shop:${b.id}`, 50_000, { committed: false });
    await spend(t.db, `shop:${held.id}`, 70_000, { committed: false });
    await spend(t.db, `shop:${lastMonth.id}`, 900_000, { period: '2026-10' });
    await spend(t.db, `shop:${suspended.id}`, 5_000_000);

    const clock = new ManualClock('2026-11-20T03:00:00.000Z');
    const reports = createReportService({ db: t.db, clock, settings: createSettingsService({ db: t.db, clock }) });
    const m = await reports.mayorView('2026-11');

    // From the ledger: commit entries of November per active shop, zeros included; holds for "reached".
    const active = await t.db.selectFrom('shops').select('id').where('status', '=', 'active').execute();
    const entries = await t.db.selectFrom('ledger_entries').selectAll().where('period', '=', '2026-11').execute();
    const of = (id: number, kind: string) =>
      entries.filter((e) => e.account === `shop:${id}` && e.kind === kind).reduce((s, e) => s + e.amount, 0);
    const revenues = active.map((s) => of(s.id, 'commit'));
    expect(revenues.filter((r) => r > 0).sort()).toEqual([1_400_000, 250_000].sort());

    expect(m.spread.shops).toBe(5);
    expect(m.spread.gini).toBeCloseTo(giniByDefinition(revenues), 4);
    // Worked out by hand: revenues 1.4M, 0.25M, 0, 0, 0; Σ|xi − xj| = 2 (3 × 1.4M + 3 × 0.25M + 1.15M) = 12.2M.
    expect(m.spread.gini).toBeCloseTo(12.2 / (2 * 5 * 1.65), 4);
    expect(m.spread.helped).toBe(revenues.filter((r) => r > 0).length);
    expect(m.spread.helped).toBe(2);
    expect(m.spread.noOrderYet).toBe(active.filter((s) => of(s.id, 'hold') === 0).length);
    expect(m.spread.noOrderYet).toBe(2); // the shop without orders and the one whose orders were last month
    // The same figures as the Pemerataan page.
    const spread = await reports.spread('2026-11');
    expect(m.spread).toEqual({
      gini: spread.gini,
      shops: spread.shops,
      helped: 2,
      noOrderYet: spread.noOrderYet.length,
    });
  });
});
