import type { RawNode } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportPlan, type ExportRequest } from '../../src/reports/exports.js';
import { observedDb } from '../support/observed-db.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { adminWorld } from '../admin/support.js';
import { spjMonth } from './spj-support.js';

/**
 * Issue 18: on PostgreSQL the exports ran in the server process, on its pool, because the export threads could
 * only open a SQLite file. They now run in the threads on both databases (PostgreSQL through a cursor), and
 * write the same bytes for the same data: the expected files below are the same for both test projects.
 */
let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

const textOf = (r: ExportRequest) => (exportPlan(r).query.toOperationNode() as RawNode).sqlFragments.join('?');
/** The body as it was sent (Response.text() would drop the BOM). */
const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer()).toString('utf8');
/** CSV lines as the export writes them: a BOM before the header, CRLF after every line. */
const csv = (...lines: string[]) => `\uFEFF${lines.map((l) => `${l}\r\n`).join('')}`;

describe('exports in the export threads', () => {
  it('write the same CSV bytes on SQLite and PostgreSQL, read on a connection of their own', async () => {
    const server = observedDb(t.db);
    const w = await adminWorld(server.db);
    const m = await spjMonth(t.db, w);
    const [b1, b2, b3] = m.buyers;
    const [s1] = m.shops;
    const [o1, o2, o3, o4] = m.completed;
    // Names that CSV must quote or defuse; first letters that sort alike under any collation.
    const rename = (id: number, name: string) => t.all('update buyers set name = ? where id = ?', name, id);
    await rename(b1!.id, 'Ayu "Ni Luh", S.Kom');
    await rename(b2!.id, 'Budi Ñoño');
    await rename(b3!.id, '=HYPERLINK("x")');
    // o3 and o4 completed at the same instant would be ordered by their random codes: o4 two hours later.
    await t.all('update orders set closed_at = ? where id = ?', '2026-11-12T04:00:00.000Z', o4!.id);
    const owner1 = (await t.one<{ name: string }>('select name from shop_contacts where shop_id = ?', s1!.id))!.name;
    const period = '2026-11';
    const defaultCap = await w.settings.get('shop_monthly_cap');
    server.ran.length = 0;

    const compliance = await w.asViewer(`/api/exports/compliance.csv?month=${period}`);
    expect(compliance.status).toBe(200);
    // The quota of 'staf' is the fixture's 500,000; committed sums of each ASN's completed orders.
    expect(await bytes(compliance)).toBe(
      csv(
        'Kode OPD,OPD,Nama ASN,Kelas jabatan,Kuota minimum (Rp),Belanja selesai (Rp),Kekurangan (Rp),Status',
        `BAPPEDA,Bappeda,"'=HYPERLINK(""x"")",staf,500000,120750,379250,di bawah kuota`,
        `DINKES,Dinas Kesehatan,"Ayu ""Ni Luh"", S.Kom",staf,500000,182500,317500,di bawah kuota`,
        'DINKES,Dinas Kesehatan,Budi Ñoño,staf,500000,153000,347000,di bawah kuota',
      ),
    );

    const spj = await w.asViewer(`/api/exports/spj.csv?month=${period}`);
    expect(spj.status).toBe(200);
    const s1Line = `${s1!.name},${owner1},${s1!.address}`;
    const s2Line = `"'=HYPERLINK(""http://x"")",'@Bu Nyomi,'+62 Jl. Kenjeran 1`;
    expect(await bytes(spj)).toBe(
      csv(
        'Kode OPD,OPD,Tanggal selesai (WIB),NIP,Nama ASN,Kode pesanan,Toko,Pemilik,Alamat toko,Barang,Jumlah,Satuan,Harga satuan (Rp),Subtotal (Rp),Total pesanan (Rp),Cara bayar',
        `BAPPEDA,Bappeda,2026-11-12 09:00,${b3!.nip},"'=HYPERLINK(""x"")",${o3!.code},${s1Line},gula,1,kg,17500,17500,82500,dikonfirmasi toko`,
        `BAPPEDA,Bappeda,2026-11-12 09:00,${b3!.nip},"'=HYPERLINK(""x"")",${o3!.code},${s1Line},beras,1,kg,65000,65000,,dikonfirmasi toko`,
        `BAPPEDA,Bappeda,2026-11-12 11:00,${b3!.nip},"'=HYPERLINK(""x"")",${o4!.code},${s2Line},'-minyak goreng,1,kg,38250,38250,38250,QRIS`,
        'BAPPEDA,Subtotal Bappeda (2 pesanan),,,,,,,,,,,,,120750,',
        `DINKES,Dinas Kesehatan,2026-11-10 10:00,${b1!.nip},"Ayu ""Ni Luh"", S.Kom",${o1!.code},${s1Line},beras,2,kg,65000,130000,182500,QRIS`,
        `DINKES,Dinas Kesehatan,2026-11-10 10:00,${b1!.nip},"Ayu ""Ni Luh"", S.Kom",${o1!.code},${s1Line},gula,3,kg,17500,52500,,QRIS`,
        `DINKES,Dinas Kesehatan,2026-11-11 03:30,${b2!.nip},Budi Ñoño,${o2!.code},${s2Line},'-minyak goreng,4,kg,38250,153000,153000,Tunai`,
        'DINKES,Subtotal Dinas Kesehatan (2 pesanan),,,,,,,,,,,,,335500,',
        ',TOTAL SEMUA OPD (4 pesanan),,,,,,,,,,,,,456250,',
      ),
    );

    // Neither export's query ran on the server's connection (which served the requests' sign-in and
    // settings): the threads read the database themselves.
    expect(server.ran).toContain('SelectQueryNode');
    expect(server.ran).not.toContain(textOf({ kind: 'compliance', period, defaultCap }));
    expect(server.ran).not.toContain(textOf({ kind: 'spj', period, defaultCap }));
  });
});
