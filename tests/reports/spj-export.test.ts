import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { formatRupiah } from '../../src/shared/money.js';
import { terbilang } from '../../src/receipts/terbilang.js';
import { pdfText } from '../support/pdf-text.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { adminWorld } from '../admin/support.js';
import { ledgerByAgency, spjMonth } from './spj-support.js';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
/** Whitespace as one space: PDF lines break where the page does. */
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('SPJ export', () => {
  it('lists item lines with NIP, WIB date and unit prices, and OPD subtotals and a total equal to the ledger (CSV)', async () => {
    const w = await adminWorld(t.db);
    const m = await spjMonth(t.db, w);
    const ledger = await ledgerByAgency(t.db, '2026-11');
    const res = await w.asViewer('/api/exports/spj.csv?month=2026-11');
    expect(res.status).toBe(200);
    const rows = parse((await res.text()).replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    const lines = rows.filter((r) => r['Kode pesanan']);
    // Every line of the four completed orders, none of the held or rejected ones.
    const codes = new Set(lines.map((r) => r['Kode pesanan']));
    expect([...codes].sort()).toEqual(m.completed.map((o) => o.code).sort());
    expect(lines).toHaveLength(6);
    const first = lines.find((r) => r['Kode pesanan'] === m.completed[0]!.code && r.Barang === 'beras')!;
    expect(first).toMatchObject({
      NIP: m.buyers[0]!.nip,
      'Nama ASN': m.buyers[0]!.name,
      Jumlah: '2',
      Satuan: 'kg',
      'Harga satuan (Rp)': '65000',
      'Subtotal (Rp)': '130000',
      'Cara bayar': 'QRIS',
    });
    // Completed at 20:30 UTC on the 10th: the 11th at 03:30 in WIB.
    expect(lines.find((r) => r['Kode pesanan'] === m.completed[1]!.code)!['Tanggal selesai (WIB)']).toBe(
      '2026-11-11 03:30',
    );
    // Formulas stay text.
    const o2 = lines.find((r) => r['Kode pesanan'] === m.completed[1]!.code)!;
    expect([o2.Toko, o2.Pemilik, o2['Alamat toko'], o2.Barang]).toEqual([
      '\'=HYPERLINK("http://x")',
      "'@Bu Nyomi",
      "'+62 Jl. Kenjeran 1",
      "'-minyak goreng",
    ]);
    const subtotal = (code: string) =>
      Number(rows.find((r) => r['Kode OPD'] === code && (r.OPD ?? '').startsWith('Subtotal'))!['Total pesanan (Rp)']);
    expect(subtotal('DINKES')).toBe(ledger.get('DINKES'));
    expect(subtotal('BAPPEDA')).toBe(ledger.get('BAPPEDA'));
    expect(Number(rows.find((r) => (r.OPD ?? '').startsWith('TOTAL'))!['Total pesanan (Rp)'])).toBe(sum(ledger));
    // The order total stands once per order: the column over the lines sums to the ledger too.
    expect(lines.reduce((a, r) => a + Number(r['Total pesanan (Rp)'] || 0), 0)).toBe(sum(ledger));
  });

  it('writes XLSX with a frozen header, rupiah and date formats, and totals equal to the ledger', async () => {
    const w = await adminWorld(t.db);
    const m = await spjMonth(t.db, w);
    const ledger = await ledgerByAgency(t.db, '2026-11');
    const res = await w.asViewer(`/api/exports/spj.xlsx?month=2026-11&agencyId=${m.dinkes.id}`);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="spj-2026-11-opd${m.dinkes.id}.xlsx"`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0]!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    for (const h of [
      'Tanggal selesai (WIB)',
      'NIP',
      'Nama ASN',
      'Kode pesanan',
      'Toko',
      'Pemilik',
      'Alamat toko',
      'Jumlah',
      'Satuan',
      'Harga satuan (Rp)',
      'Subtotal (Rp)',
      'Total pesanan (Rp)',
      'Cara bayar',
    ])
      expect(col(h)).toBeGreaterThan(0);
    const body: ExcelJS.Row[] = [];
    ws.eachRow((row, n) => {
      if (n > 1) body.push(row);
    });
    const lines = body.filter((r) => r.getCell(col('Kode pesanan')).value);
    expect(new Set(lines.map((r) => r.getCell(col('Kode pesanan')).value))).toEqual(
      new Set([m.completed[0]!.code, m.completed[1]!.code]),
    );
    const late = lines.find((r) => r.getCell(col('Kode pesanan')).value === m.completed[1]!.code)!;
    const date = late.getCell(col('Tanggal selesai (WIB)'));
    // A spreadsheet date has no zone: it holds the WIB wall clock.
    expect((date.value as Date).toISOString()).toBe('2026-11-11T03:30:00.000Z');
    expect(date.numFmt).toBe('dd/mm/yyyy hh:mm');
    expect(late.getCell(col('Total pesanan (Rp)')).numFmt).toBe('"Rp" #,##0');
    expect(late.getCell(col('Toko')).value).toBe('\'=HYPERLINK("http://x")');
    const sub = body.find((r) => String(r.getCell(col('OPD')).value).startsWith('Subtotal'))!;
    expect(sub.getCell(col('Total pesanan (Rp)')).value).toBe(ledger.get('DINKES'));
    expect(sub.font?.bold).toBe(true);
    expect(body.at(-1)!.getCell(col('Total pesanan (Rp)')).value).toBe(ledger.get('DINKES'));
    // Item subtotals are quantity × unit price.
    for (const r of lines)
      expect(r.getCell(col('Subtotal (Rp)')).value).toBe(
        Number(r.getCell(col('Jumlah')).value) * Number(r.getCell(col('Harga satuan (Rp)')).value),
      );
  });

  it('recaps each OPD as PDF with a handover block, its subtotal and the total equal to the ledger', async () => {
    const w = await adminWorld(t.db);
    const m = await spjMonth(t.db, w);
    const ledger = await ledgerByAgency(t.db, '2026-11');
    const res = await w.asViewer('/api/exports/spj.pdf?month=2026-11');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const text = flat(pdfText(new Uint8Array(await res.arrayBuffer())));
    expect(text).toContain('REKAPITULASI BELANJA ASN MELALUI PEKEN');
    expect(text).toContain('Bulan: November 2026');
    for (const o of m.completed) expect(text).toContain(o.code);
    expect(text).not.toContain(m.held.code);
    expect(text).toContain(`Subtotal Dinas Kesehatan (2 pesanan) ${formatRupiah(ledger.get('DINKES')!)}`);
    expect(text).toContain(`Subtotal Bappeda (2 pesanan) ${formatRupiah(ledger.get('BAPPEDA')!)}`);
    expect(text).toContain(`TOTAL SEMUA OPD (4 pesanan): ${formatRupiah(sum(ledger))}`);
    expect(text.match(/BERITA ACARA SERAH TERIMA \(BAST\)/g)).toHaveLength(2);
    expect(text).toContain(`dengan nilai ${formatRupiah(ledger.get('DINKES')!)} (${terbilang(ledger.get('DINKES')!)})`);
    expect(text).toContain('Bendahara Pengeluaran');
    // Other exports have no PDF.
    expect((await w.asViewer('/api/exports/compliance.pdf?month=2026-11')).status).toBe(404);
  });

  it('gives a completed order’s kuitansi as PDF with its lines and the ledger’s amount, and none before completion', async () => {
    const w = await adminWorld(t.db);
    const m = await spjMonth(t.db, w);
    const o = m.completed[0]!;
    const commit = await t.db
      .selectFrom('ledger_entries')
      .select('amount')
      .where('order_id', '=', o.id)
      .where('kind', '=', 'commit')
      .where('account', '=', `shop:${o.shop_id}`)
      .executeTakeFirstOrThrow();
    const res = await w.asViewer(`/api/orders/${o.code}/kuitansi.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="kuitansi-${o.code}.pdf"`);
    const text = flat(pdfText(new Uint8Array(await res.arrayBuffer())));
    expect(text).toContain('KUITANSI');
    expect(text).toContain(`No. ${o.code}`);
    expect(text).toContain(`${m.buyers[0]!.name} (NIP ${m.buyers[0]!.nip})`);
    expect(text).toContain(`Uang sejumlah : ${formatRupiah(commit.amount)}`);
    expect(text).toContain(`Terbilang : ${terbilang(commit.amount)}`);
    expect(text).toContain(`1 beras 2 kg ${formatRupiah(65_000)} ${formatRupiah(130_000)}`);
    expect(text).toContain(`Total ${formatRupiah(commit.amount)}`);
    expect(text).toContain('Cara bayar : QRIS');
    expect(text).toContain('BERITA ACARA SERAH TERIMA (BAST)');
    expect(text).toContain('Yang menyerahkan, Penjual / pemilik toko');
    expect(text).toContain(`Yang menerima, Pembeli ${m.buyers[0]!.name} NIP ${m.buyers[0]!.nip}`);
    const held = await w.asViewer(`/api/orders/${m.held.code}/kuitansi.pdf`);
    expect(held.status).toBe(409);
    expect(((await held.json()) as { error: { message: string } }).error.message).toContain('belum selesai');
    expect((await w.asViewer('/api/orders/PK-NOPE00/kuitansi.pdf')).status).toBe(404);
  });
});
