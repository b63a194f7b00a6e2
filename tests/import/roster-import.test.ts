import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importRoster } from '../../src/people/roster-import.js';
import { importShops } from '../../src/shops/shop-import.js';
import { ImportError } from '../../src/shared/csv.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

const props = { actor: 'test', at: '2026-11-01T00:00:00.000Z' };
const HEADER = 'nip,name,phone,agency_code,agency_name,position_class,domicile_kelurahan,office_kelurahan';
const GOOD = [
  HEADER,
  '198001012005011001,Siti Rahayu,0812-3456-7001,DINKES,Dinas Kesehatan,pelaksana,Kapasari,35.78.07.1003',
  '197505052000121002,Budi Santoso,+6281234567002,DINKES,Dinas Kesehatan,camat,Perak Timur,Genteng',
  '198512122010012003,Dewi Lestari,6281234567003,BPKAD,BPKAD,fungsional,,Ketabang',
].join('\n');

async function count(table: 'buyers' | 'agencies' | 'shops' | 'audit_log') {
  const r = await t.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('roster import', () => {
  it('imports valid rows with phones in E.164 and old kelurahan names mapped to current codes', async () => {
    expect(await importRoster(t.db, GOOD, props)).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
    const budi = await t.db
      .selectFrom('buyers')
      .selectAll()
      .where('name', '=', 'Budi Santoso')
      .executeTakeFirstOrThrow();
    expect(budi.phone).toBe('+6281234567002');
    expect(budi.domicile_kelurahan).toBe('35.78.12.1006'); // Perak Timur is now Tanjung Perak
    const dewi = await t.db
      .selectFrom('buyers')
      .selectAll()
      .where('name', '=', 'Dewi Lestari')
      .executeTakeFirstOrThrow();
    expect(dewi.domicile_kelurahan).toBeNull(); // lives outside the city: shops near the office
    expect(await count('agencies')).toBe(2);
  });

  it('changes nothing when the same file is imported twice', async () => {
    await importRoster(t.db, GOOD, props);
    const before = await t.db.selectFrom('buyers').selectAll().orderBy('id').execute();
    const audits = await count('audit_log');
    expect(await importRoster(t.db, GOOD, { ...props, at: '2026-11-02T00:00:00.000Z' })).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 3,
    });
    expect(await t.db.selectFrom('buyers').selectAll().orderBy('id').execute()).toEqual(before);
    expect(await count('audit_log')).toBe(audits);
  });

  it('reports every bad row with its line and reason and writes nothing', async () => {
    const csv = [
      HEADER,
      '198001012005011001,Siti Rahayu,0812-3456-7001,DINKES,Dinas Kesehatan,pelaksana,Kapasari,Genteng',
      '12345,Tanpa NIP,0812-3456-7009,DINKES,,pelaksana,Kapasari,Genteng',
      '198001012005011011,Nomor Salah,12345,DINKES,,pelaksana,Kapasari,Genteng',
      '198001012005011012,Kelas Salah,081234567010,DINKES,,presiden,Kapasari,Genteng',
      '198001012005011013,Kelurahan Salah,081234567011,DINKES,,pelaksana,Atlantis,Genteng',
      '198001012005011001,NIP Ganda,081234567012,DINKES,,pelaksana,Kapasari,Genteng',
    ].join('\n');
    const error = await importRoster(t.db, csv, props).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    const rows = (error as ImportError).rows;
    expect(rows.map((r) => r.line)).toEqual([3, 4, 5, 6, 7]);
    expect(rows[0]!.reason).toMatch(/NIP must be 18 digits/);
    expect(rows[1]!.reason).toMatch(/phone/);
    expect(rows[2]!.reason).toMatch(/position_class/);
    expect(rows[3]!.reason).toMatch(/Atlantis/);
    expect(rows[4]!.reason).toMatch(/same NIP as line 2/);
    // The NIP never appears in an error: it is personal data.
    expect((error as Error).message).not.toContain('198001012005011001');
    expect(await count('buyers')).toBe(0);
    expect(await count('agencies')).toBe(0);
  });

  it('rejects a file with a missing column or no rows', async () => {
    await expect(importRoster(t.db, 'nip,name\n1,2', props)).rejects.toThrow(/missing column\(s\): phone/);
    await expect(importRoster(t.db, HEADER, props)).rejects.toThrow(/no rows/);
  });
});

describe('shop import', () => {
  const SHOPS = [
    'code,name,kind,kelurahan,address,owner_name,owner_phone,payment_instructions',
    'TK-001,Toko Bu Nyomi,kelontong,Kapasari,Jl. Kapasari 1,Bu Nyomi,0813-1111-2222,Tunai',
    'SWK-01,SWK Ketabang,swk,35.78.07.1004,,Cak Man,081311112223,QRIS',
  ].join('\n');

  it('imports shops as pending with their owners, and a second import changes nothing', async () => {
    expect(await importShops(t.db, SHOPS, props)).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    const shops = await t.db.selectFrom('shops').selectAll().orderBy('code').execute();
    expect(shops.map((s) => s.status)).toEqual(['pending', 'pending']);
    const owners = await t.db.selectFrom('shop_contacts').select(['phone', 'role']).orderBy('phone').execute();
    expect(owners).toEqual([
      { phone: '+6281311112222', role: 'owner' },
      { phone: '+6281311112223', role: 'owner' },
    ]);
    expect(await importShops(t.db, SHOPS, props)).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    expect(await t.db.selectFrom('shop_contacts').selectAll().execute()).toHaveLength(2);
  });

  it('rejects a bad kind, an unknown kelurahan and a bad phone with line numbers, writing nothing', async () => {
    const csv = `${SHOPS}\nX-1,Toko X,warung,Kapasari,,Pak X,0813-0000-0001,\nX-2,Toko Y,umkm,Nowhere,,Pak Y,0813-0000-0002,\nX-3,Toko Z,umkm,Kapasari,,Pak Z,555,`;
    const error = (await importShops(t.db, csv, props).catch((e: unknown) => e)) as ImportError;
    expect(error.rows.map((r) => [r.line, r.reason.split(' ')[0]])).toEqual([
      [4, 'kind'],
      [5, 'kelurahan'],
      [6, 'owner_phone'],
    ]);
    expect(await count('shops')).toBe(0);
  });
});
