import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createQuotaService } from '../../src/people/quota.service.js';
import { importRoster } from '../../src/people/roster-import.js';
import { ImportError } from '../../src/shared/csv.js';
import { makeAgency, makeBuyer, makeProduct, makeQuotaRule, makeShop } from '../support/fixtures.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { adminWorld, json, orderTo, signInDashboard } from './support.js';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

type Compliance = { agencies: { agencyCode: string; metQuota: number; belowQuota: number }[] };
type BuyersCompliance = { buyers: { buyerId: number; quota: number; shortfall: number }[] };

describe('quota rules with history', () => {
  it('a change effective in December leaves November’s compliance as it was, and a past month cannot be changed', async () => {
    const w = await adminWorld(t.db);
    await makeQuotaRule(t.db, { positionClass: 'staf', min: 500_000 });
    const opd = await makeAgency(t.db, { code: 'DISKOP' });
    const buyer = await makeBuyer(t.db, { agencyId: opd.id, positionClass: 'staf' });
    const shop = await makeShop(t.db);
    const product = await makeProduct(t.db, shop.id, { price: 300_000 });
    // November (the clock starts on 10 November): Rp 600.000 spent against a minimum of Rp 500.000.
    await orderTo(w, { buyerId: buyer.id, shopId: shop.id, productId: product.id, quantity: 2 }, 'completed');
    const compliance = async (month: string) =>
      ((await (await w.asViewer(`/api/reports/compliance?month=${month}`)).json()) as Compliance).agencies.find(
        (a) => a.agencyCode === 'DISKOP',
      )!;
    const quotaOf = async (month: string) =>
      (
        (await (
          await w.asViewer(`/api/reports/compliance/buyers?month=${month}&agencyId=${opd.id}`)
        ).json()) as BuyersCompliance
      ).buyers[0]!.quota;
    expect(await compliance('2026-11')).toEqual(expect.objectContaining({ metQuota: 1, belowQuota: 0 }));

    // Still in November, the city raises the minimum from December on.
    const set = await w.asAdmin('/api/quota-rules/staf', {
      method: 'PUT',
      ...json({ minMonthly: 1_000_000, effectiveFrom: '2026-12' }),
    });
    expect(set.status).toBe(200);
    const rule = (
      (await set.json()) as { rule: { minMonthly: number; scheduled: { effectiveFrom: string; minMonthly: number }[] } }
    ).rule;
    expect(rule).toEqual(
      expect.objectContaining({
        minMonthly: 500_000,
        scheduled: [expect.objectContaining({ effectiveFrom: '2026-12', minMonthly: 1_000_000 })],
      }),
    );
    expect(await compliance('2026-11')).toEqual(expect.objectContaining({ metQuota: 1, belowQuota: 0 }));
    expect(await quotaOf('2026-11')).toBe(500_000);
    expect((await createQuotaService({ db: t.db, clock: w.clock }).progress(buyer.id))!.minimum).toBe(500_000);

    // December: the same spending now falls short of the new minimum; November keeps its own.
    w.clock.set('2026-12-02T03:00:00.000Z');
    await orderTo(w, { buyerId: buyer.id, shopId: shop.id, productId: product.id, quantity: 2 }, 'completed');
    expect(await compliance('2026-12')).toEqual(expect.objectContaining({ metQuota: 0, belowQuota: 1 }));
    expect(await quotaOf('2026-12')).toBe(1_000_000);
    expect(await compliance('2026-11')).toEqual(expect.objectContaining({ metQuota: 1, belowQuota: 0 }));
    expect(await quotaOf('2026-11')).toBe(500_000);
    const progress = (await createQuotaService({ db: t.db, clock: w.clock }).progress(buyer.id))!;
    expect(progress).toEqual(
      expect.objectContaining({ period: '2026-12', minimum: 1_000_000, spent: 600_000, percent: 60 }),
    );

    // November has passed: a change for it is refused and nothing moves.
    const past = await w.asAdmin('/api/quota-rules/staf', {
      method: 'PUT',
      ...json({ minMonthly: 100_000, effectiveFrom: '2026-11' }),
    });
    expect(past.status).toBe(422);
    expect(((await past.json()) as { error: { message: string } }).error.message).toMatch(/2026-11 sudah lewat/);
    expect(await quotaOf('2026-11')).toBe(500_000);
    expect(await compliance('2026-11')).toEqual(expect.objectContaining({ metQuota: 1 }));

    // The history and the audit log say who changed what, from when.
    const history = (await (await w.asViewer('/api/quota-rules/history?positionClass=staf')).json()) as {
      changes: { effectiveFrom: string; minMonthly: number; changedBy: string }[];
    };
    expect(history.changes).toEqual([
      expect.objectContaining({
        effectiveFrom: '2026-12',
        minMonthly: 1_000_000,
        changedBy: expect.stringContaining('kantor kota'),
      }),
    ]);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'quota_rule.change').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.before!)).toEqual(expect.objectContaining({ minMonthly: 500_000 }));
    expect(JSON.parse(audit[0]!.after!)).toEqual(
      expect.objectContaining({ minMonthly: 1_000_000, effectiveFrom: '2026-12' }),
    );
  });

  it('a viewer reads the rules but cannot change them; a bad amount or an unknown class changes nothing', async () => {
    const w = await adminWorld(t.db);
    await makeQuotaRule(t.db, { positionClass: 'staf', min: 500_000 });
    expect(
      (
        await w.asViewer('/api/quota-rules/staf', {
          method: 'PUT',
          ...json({ minMonthly: 1, effectiveFrom: '2026-12' }),
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await w.asAdmin('/api/quota-rules/staf', {
          method: 'PUT',
          ...json({ minMonthly: -5, effectiveFrom: '2026-12' }),
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await w.asAdmin('/api/quota-rules/staf', {
          method: 'PUT',
          ...json({ minMonthly: 5, effectiveFrom: 'Desember' }),
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await w.asAdmin('/api/quota-rules/direktur', {
          method: 'PUT',
          ...json({ minMonthly: 5, effectiveFrom: '2026-12' }),
        })
      ).status,
    ).toBe(404);
    const list = (await (await w.asViewer('/api/quota-rules?month=2027-01')).json()) as {
      rules: { positionClass: string; minMonthly: number }[];
    };
    expect(list.rules.find((r) => r.positionClass === 'staf')!.minMonthly).toBe(500_000);
    expect(await t.db.selectFrom('quota_rule_changes').selectAll().execute()).toEqual([]);
    expect(await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'quota_rule').execute()).toEqual([]);
  });

  it('the roster accepts a class once it has a rule, and rejects one without, with line and reason', async () => {
    const w = await adminWorld(t.db);
    const csv = (
      cls: string,
    ) => `nip,name,phone,agency_code,agency_name,position_class,domicile_kelurahan,office_kelurahan
198001012005011001,Siti,081234567001,DINKES,Dinas Kesehatan,staf,Kapasari,Genteng
198001012005011002,Budi,081234567002,DINKES,Dinas Kesehatan,${cls},Kapasari,Genteng\n`;
    await makeQuotaRule(t.db, { positionClass: 'staf' });
    const props = { actor: 'test', at: w.clock.now().toISOString() };
    const refused = await importRoster(t.db, csv('tenaga_ahli'), props).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ImportError);
    expect((refused as ImportError).rows).toEqual([
      { line: 3, reason: expect.stringMatching(/position_class "tenaga_ahli" has no quota rule/) },
    ]);
    expect(await t.db.selectFrom('buyers').selectAll().execute()).toEqual([]);

    const added = await w.asAdmin('/api/quota-rules', {
      method: 'POST',
      ...json({ positionClass: 'tenaga_ahli', label: 'Tenaga ahli', minMonthly: 400_000 }),
    });
    expect(added.status).toBe(201);
    expect(await importRoster(t.db, csv('tenaga_ahli'), props)).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(
      (
        await w.asAdmin('/api/quota-rules', {
          method: 'POST',
          ...json({ positionClass: 'tenaga_ahli', label: 'x y', minMonthly: 1 }),
        })
      ).status,
    ).toBe(409);
  });

  it('the dashboard page changes a minimum from a month on, and shows it scheduled and in the history', async () => {
    const w = await adminWorld(t.db);
    await makeQuotaRule(t.db, { positionClass: 'staf', min: 500_000 });
    const s = await signInDashboard(w, w.people.admin.phone);
    const res = await s.post('/dashboard/quota-rules/staf', { minMonthly: '1.250.000', effectiveFrom: '2026-12' });
    expect(res.status).toBe(303);
    const nov = await (await s.get('/dashboard/quota-rules?month=2026-11')).text();
    expect(nov).toMatch(/data-class="staf">.*Rp\s500\.000.*2026-12: Rp\s1\.250\.000/s);
    const dec = await (await s.get('/dashboard/quota-rules?month=2026-12')).text();
    expect(dec).toMatch(/data-class="staf">.*?Rp\s1\.250\.000/s);
    expect(dec).toMatch(/id="quota-history".*2026-12.*Rp\s1\.250\.000/s);
    const viewer = await signInDashboard(w, w.people.viewer.phone);
    expect(
      (await viewer.post('/dashboard/quota-rules/staf', { minMonthly: '1', effectiveFrom: '2026-12' })).status,
    ).toBe(403);
  });
});
