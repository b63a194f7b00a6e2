import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBroadcastService, type BroadcastService } from '../../src/broadcasts/broadcast.service.js';
import { selectSegment } from '../../src/broadcasts/segment.repository.js';
import { ManualClock } from '../../src/shared/clock.js';
import { ValidationError } from '../../src/shared/errors.js';
import { createSettingsService } from '../../src/settings/settings.service.js';
import { makeBuyer, makeQuotaRule, makeShop } from '../support/fixtures.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { linkTelegram, spend } from './support.js';

// Issue 20: "ASN near shops that have had no order this month", with the shops named in the message.
// Genteng (35.78.07): Kapasari 35.78.07.1003, Embong Kaliasin 35.78.07.1001. Karang Pilang (35.78.01): Kedurus
// 35.78.01.1003. Tegalsari (35.78.05) has no shop at all.

let t: TestDb;
let svc: BroadcastService;
let w: Awaited<ReturnType<typeof world>>;

async function world(db: TestDb['db']) {
  await makeQuotaRule(db, { positionClass: 'staf', min: 100_000 });
  const kapasari = await makeBuyer(db, { kelurahan: '35.78.07.1003' });
  const kedurus = await makeBuyer(db, { kelurahan: '35.78.01.1003' });
  const tegalsari = await makeBuyer(db, { kelurahan: '35.78.05.1001' });
  const inactive = await makeBuyer(db, { kelurahan: '35.78.07.1003' });
  await db.updateTable('buyers').set({ active: 0 }).where('id', '=', inactive.id).execute();

  // Made in this order, so that by name the kecamatan's shop comes before the buyer's own kelurahan's.
  const embong = await makeShop(db, { kelurahan: '35.78.07.1001', linked: true });
  const idle = await makeShop(db, { kelurahan: '35.78.07.1003', linked: true });
  const busy = await makeShop(db, { kelurahan: '35.78.07.1003', linked: true });
  const unreachable = await makeShop(db, { kelurahan: '35.78.07.1003' });
  const closed = await makeShop(db, { kelurahan: '35.78.07.1003', linked: true, isOpen: false });
  const suspended = await makeShop(db, { kelurahan: '35.78.07.1003', linked: true, status: 'suspended' });
  const lastMonth = await makeShop(db, { kelurahan: '35.78.07.1001', linked: true });
  const heldOnly = await makeShop(db, { kelurahan: '35.78.01.1003', linked: true });
  await spend(db, `shop:${busy.id}`, 150_000);
  // An order only held (not yet completed) has reached the shop: it is not "no order".
  await spend(db, `shop:${heldOnly.id}`, 50_000, { committed: false });
  // Last month's orders do not count this month.
  await spend(db, `shop:${lastMonth.id}`, 80_000, { period: '2026-10' });
  return { kapasari, kedurus, tegalsari, inactive, embong, idle, busy, unreachable, closed, suspended, lastMonth };
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

const select = (areaPolicy?: 'kelurahan' | 'kecamatan' | 'city') =>
  selectSegment(t.db, { kind: 'asn_near_idle_shops' }, { period: '2026-11', defaultCap: 30_000_000, areaPolicy });

describe('segment asn_near_idle_shops', () => {
  it('selects the active ASN with an idle, open, reachable shop near them and names those shops, own kelurahan first', async () => {
    const people = await select();
    expect(people.map((p) => p.phone)).toEqual([w.kapasari.phone]);
    // The rest of the kecamatan by name (SQLite's binary order: "Toko 15" before "Toko 9").
    const kecamatan = [w.embong, w.lastMonth].sort((a, b) => (a.name < b.name ? -1 : 1));
    const named = [`${w.idle.name} (Kapasari)`, ...kecamatan.map((s) => `${s.name} (Embong Kaliasin)`)].join(', ');
    expect(people[0]!.vars).toMatchObject({ name: w.kapasari.name, idle_shops: named, quota: 100_000 });
    // Neither the shop with an order this month nor the unreachable, closed or suspended ones are named.
    for (const s of [w.busy, w.unreachable, w.closed, w.suspended]) expect(named).not.toContain(`${s.name} (`);
  });

  it('names only the shops the area policy lets the buyer order from', async () => {
    const people = await select('kelurahan');
    expect(people.map((p) => p.phone)).toEqual([w.kapasari.phone]);
    expect(people[0]!.vars.idle_shops).toBe(`${w.idle.name} (Kapasari)`);
  });

  it('selects nobody when every shop has had an order this month', async () => {
    for (const s of [w.idle, w.embong, w.lastMonth]) await spend(t.db, `shop:${s.id}`, 10_000);
    expect(await select()).toEqual([]);
  });

  it('previews a message that names the shops, in Bahasa Indonesia', async () => {
    await linkTelegram(t.db, w.kapasari.phone, 2001);
    const preview = await svc.preview({
      segment: { kind: 'asn_near_idle_shops' },
      templateId: 'Halo {nama}, toko dekat Anda belum ada pesanan bulan ini: {toko_sepi}. Yuk belanja di sana!',
    });
    expect(preview.count).toBe(1);
    const [named] = await select();
    expect(named!.vars.idle_shops).toMatch(
      new RegExp(`^${w.idle.name} \\(Kapasari\\), Toko \\d+ \\(Embong Kaliasin\\)`),
    );
    expect(preview.sample?.id).toBe(
      `Halo ${w.kapasari.name}, toko dekat Anda belum ada pesanan bulan ini: ${named!.vars.idle_shops}. Yuk belanja di sana!`,
    );
  });

  it('refuses a message that does not name the shops, and the variable in other segments', async () => {
    await expect(
      svc.create({ segment: { kind: 'asn_near_idle_shops' }, templateId: 'Halo {nama}, ayo belanja' }, 'admin'),
    ).rejects.toThrow(ValidationError);
    await expect(
      svc.create({ segment: { kind: 'asn_below_quota' }, templateId: 'Halo {nama}: {toko_sepi}' }, 'admin'),
    ).rejects.toThrow(/tidak tersedia untuk segmen ini/);
  });
});
