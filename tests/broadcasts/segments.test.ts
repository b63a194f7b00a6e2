import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBroadcastService, type BroadcastService } from '../../src/broadcasts/broadcast.service.js';
import { selectSegment } from '../../src/broadcasts/segment.repository.js';
import type { Segment } from '../../src/broadcasts/segment.js';
import { ManualClock } from '../../src/shared/clock.js';
import { createSettingsService } from '../../src/settings/settings.service.js';
import { makeAgency, makeBuyer, makeQuotaRule, makeShop } from '../support/fixtures.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { linkTelegram, ownerPhone, spend } from './support.js';

let t: TestDb;
let svc: BroadcastService;
let w: Awaited<ReturnType<typeof world>>;

// Kecamatan 35.78.07 (the fixtures' default kelurahan 35.78.07.1003) and 35.78.01 (Karang Pilang).
async function world(db: TestDb['db']) {
  await makeQuotaRule(db, { positionClass: 'staf', min: 100_000 });
  const opdA = await makeAgency(db, { code: 'DINKES' });
  const opdB = await makeAgency(db, { code: 'DISPENDIK' });
  const met = await makeBuyer(db, { agencyId: opdA.id });
  const below = await makeBuyer(db, { agencyId: opdA.id });
  const heldOnly = await makeBuyer(db, { agencyId: opdB.id });
  // Lives outside the city: the office's kecamatan counts.
  const outside = await makeBuyer(db, { agencyId: opdB.id, kelurahan: null, office: '35.78.01.1002' });
  const livesKp = await makeBuyer(db, { agencyId: opdB.id, kelurahan: '35.78.01.1003' });
  const inactive = await makeBuyer(db, { agencyId: opdA.id });
  await db.updateTable('buyers').set({ active: 0 }).where('id', '=', inactive.id).execute();
  await spend(db, `buyer:${met.id}`, 100_000);
  await spend(db, `buyer:${below.id}`, 99_999);
  await spend(db, `buyer:${heldOnly.id}`, 500_000, { committed: false });
  // Spending in another month does not count.
  await spend(db, `buyer:${livesKp.id}`, 200_000, { period: '2026-10' });

  const shopA = await makeShop(db);
  const shopKp = await makeShop(db, { kelurahan: '35.78.01.1001' });
  const pending = await makeShop(db, { status: 'pending' });
  const suspended = await makeShop(db, { status: 'suspended', kelurahan: '35.78.01.1001' });
  const nearCap = await makeShop(db, { capOverride: 1_000_000, kelurahan: '35.78.01.1004' });
  const atEdge = await makeShop(db, { capOverride: 1_000_000 });
  await spend(db, `shop:${nearCap.id}`, 500_000);
  await spend(db, `shop:${nearCap.id}`, 300_000, { committed: false }); // held counts against the cap: 80%
  await spend(db, `shop:${atEdge.id}`, 799_999); // just under 80%
  await spend(db, `shop:${shopA.id}`, 25_000_000); // default cap 30M: 83%
  return {
    opdA,
    opdB,
    met,
    below,
    heldOnly,
    outside,
    livesKp,
    inactive,
    shopA,
    shopKp,
    pending,
    suspended,
    nearCap,
    atEdge,
  };
}

beforeEach(async () => {
  t = await createTestDb();
  const clock = new ManualClock('2026-11-20T03:00:00.000Z');
  svc = createBroadcastService({ db: t.db, clock, settings: createSettingsService({ db: t.db, clock }) });
  w = await world(t.db);
});
afterEach(async () => {
  await t.cleanup();
});

const phonesOf = async (segment: Segment) =>
  (await selectSegment(t.db, segment, { period: '2026-11', defaultCap: 30_000_000 })).map((c) => c.phone).sort();
const buyers = (...b: { phone: string }[]) => b.map((x) => x.phone).sort();
const owners = async (...s: { id: number }[]) => (await Promise.all(s.map((x) => ownerPhone(t.db, x.id)))).sort();

describe('segments select exactly the right people', () => {
  it('asn_below_quota: active ASN whose completed spending this month is under their minimum (held does not count)', async () => {
    expect(await phonesOf({ kind: 'asn_below_quota' })).toEqual(buyers(w.below, w.heldOnly, w.outside, w.livesKp));
  });

  it('asn_agency: the active ASN of one OPD', async () => {
    expect(await phonesOf({ kind: 'asn_agency', agencyId: w.opdA.id })).toEqual(buyers(w.met, w.below));
    expect(await phonesOf({ kind: 'asn_agency', agencyId: w.opdB.id })).toEqual(
      buyers(w.heldOnly, w.outside, w.livesKp),
    );
  });

  it('asn_kecamatan: by domicile, or by office for those living outside the city', async () => {
    expect(await phonesOf({ kind: 'asn_kecamatan', kecamatan: '35.78.01' })).toEqual(buyers(w.outside, w.livesKp));
    expect(await phonesOf({ kind: 'asn_kecamatan', kecamatan: '35.78.07' })).toEqual(
      buyers(w.met, w.below, w.heldOnly),
    );
  });

  it('shops_all: owners of active shops only (not pending, not suspended)', async () => {
    expect(await phonesOf({ kind: 'shops_all' })).toEqual(await owners(w.shopA, w.shopKp, w.nearCap, w.atEdge));
  });

  it('shops_kecamatan: active shops whose kelurahan lies in the kecamatan', async () => {
    expect(await phonesOf({ kind: 'shops_kecamatan', kecamatan: '35.78.01' })).toEqual(
      await owners(w.shopKp, w.nearCap),
    );
  });

  it('shops_near_cap: held + committed at 80% of the cap (override or default) or more', async () => {
    expect(await phonesOf({ kind: 'shops_near_cap' })).toEqual(await owners(w.nearCap, w.shopA));
  });

  it('everyone: every active ASN and active shop owner, once per phone', async () => {
    // An ASN who also owns a shop is one recipient.
    await t.db.updateTable('shop_contacts').set({ phone: w.met.phone }).where('shop_id', '=', w.shopKp.id).execute();
    const all = await phonesOf({ kind: 'everyone' });
    expect(all).toEqual(
      [
        ...buyers(w.met, w.below, w.heldOnly, w.outside, w.livesKp),
        ...(await owners(w.shopA, w.nearCap, w.atEdge)),
      ].sort(),
    );
    expect(new Set(all).size).toBe(all.length);
  });

  it('fills the variables each person sees: quota figures for ASN, revenue against the cap for shops', async () => {
    const [asn] = await selectSegment(
      t.db,
      { kind: 'asn_agency', agencyId: w.opdA.id },
      { period: '2026-11', defaultCap: 30_000_000 },
    ).then((l) => l.filter((c) => c.phone === w.below.phone));
    expect(asn!.vars).toEqual({ name: w.below.name, spent: 99_999, quota: 100_000, remaining: 1 });
    const phone = await ownerPhone(t.db, w.nearCap.id);
    const shop = (
      await selectSegment(t.db, { kind: 'shops_near_cap' }, { period: '2026-11', defaultCap: 30_000_000 })
    ).find((c) => c.phone === phone);
    // Revenue is what completed (held is not revenue yet); one completed order.
    expect(shop!.vars).toEqual({
      name: expect.stringMatching(/^Bu /),
      shop: w.nearCap.name,
      revenue: 500_000,
      cap: 1_000_000,
      orders: 1,
    });
  });
});

describe('preview', () => {
  it('counts the segment, tells reachable from unreachable, and renders a sample in both languages', async () => {
    await linkTelegram(t.db, w.below.phone, 1001);
    const p = await svc.preview({
      segment: { kind: 'asn_below_quota' },
      templateId: 'Halo {nama}, belanja {terpakai} dari {kuota}, kurang {sisa_kuota}, {sisa_hari} hari lagi',
      templateEn: 'Hi {name}, {spent} of {quota}, {remaining} to go, {days_left} days left',
    });
    expect(p).toEqual({
      count: 4,
      reachable: 1,
      unreachable: 3,
      offline: 0,
      offlineChannels: [],
      sample: {
        name: w.below.name,
        id: `Halo ${w.below.name}, belanja Rp 99.999 dari Rp 100.000, kurang Rp 1, 11 hari lagi`,
        en: `Hi ${w.below.name}, Rp 99.999 of Rp 100.000, Rp 1 to go, 11 days left`,
      },
    });
    expect(await t.db.selectFrom('broadcasts').selectAll().execute()).toEqual([]);
  });
});
