import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { drawBast } from '../receipts/bast-block.js';
import { createPdf, type Pdf } from '../receipts/pdf-document.js';
import { startTable } from '../receipts/pdf-table.js';
import { monthLong, wibDate } from '../receipts/wib-format.js';
import { formatRupiah } from '../shared/money.js';
import type { ExportRow, RowSource } from './exports.js';

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

/** One order of the recap, gathered from its item lines. */
interface RecapOrder {
  completedAt: string;
  nip: string;
  buyerName: string;
  orderCode: string;
  shopName: string;
  items: string[];
  total: number;
}

/**
 * The monthly recap per OPD as PDF, from the SPJ's rows (spj-export.ts): for each OPD a page with one row per
 * order, its subtotal and a handover block signed by the treasurer and the head of the OPD; then the grand
 * total when there is more than one OPD. Written to the file as it goes (pdfkit streams its pages), so that a
 * month of the whole city stays flat in memory; runs in the export thread like the other exports.
 */
export async function writeSpjRecapPdf(file: string, period: string, rows: RowSource<ExportRow>): Promise<number> {
  // Landscape: eight columns, with an 18-digit NIP and the order code on one line each.
  const doc = createPdf({ title: `Rekap SPJ ${period}`, landscape: true });
  const out = createWriteStream(file);
  doc.pipe(out);
  let n = 0;
  let opds = 0;
  let table: ReturnType<typeof startTable> | null = null;
  let order: RecapOrder | null = null;
  let no = 0;

  const flush = () => {
    if (!order || !table) return;
    table.row([
      String(++no),
      order.completedAt ? wibDate(order.completedAt) : '',
      order.nip,
      order.buyerName,
      order.orderCode,
      order.shopName,
      order.items.join('; '),
      formatRupiah(order.total),
    ]);
    order = null;
  };

  for await (const r of rows) {
    n++;
    if (r.__style === 'subtotal') {
      flush();
      table?.row(['', '', '', '', '', '', str(r.agencyName), formatRupiah(num(r.orderTotal))], true);
      drawBast(doc, {
        date: `akhir bulan ${monthLong(period)}`,
        what: `barang belanja ASN ${str(r.agencyCode)} melalui peken bulan ${monthLong(period)} sebagaimana tercantum di atas`,
        total: num(r.orderTotal),
        signatories: [
          { role: 'Dibuat oleh', title: 'Bendahara Pengeluaran', name: '', note: 'NIP' },
          { role: 'Mengetahui', title: 'Kepala OPD / Pengguna Anggaran', name: '', note: 'NIP' },
        ],
      });
      table = null;
      continue;
    }
    if (r.__style === 'total') {
      if (opds !== 1) grandTotal(doc, period, opds, str(r.agencyName), num(r.orderTotal));
      continue;
    }
    if (!table) {
      if (opds > 0) doc.addPage();
      opds++;
      no = 0;
      heading(doc, period, `${str(r.agencyCode)} ${str(r.agencyName)}`);
      table = startTable(doc, [
        { header: 'No', share: 3, align: 'right' },
        { header: 'Tanggal (WIB)', share: 10 },
        { header: 'NIP', share: 14 },
        { header: 'Nama ASN', share: 14 },
        { header: 'Kode pesanan', share: 9 },
        { header: 'Toko', share: 14 },
        { header: 'Barang', share: 24 },
        { header: 'Total', share: 12, align: 'right' },
      ]);
    }
    if (r.orderTotal !== null && r.orderTotal !== undefined) {
      flush();
      order = {
        completedAt: str(r.completedAt),
        nip: str(r.nip),
        buyerName: str(r.buyerName),
        orderCode: str(r.orderCode),
        shopName: str(r.shopName),
        items: [],
        total: num(r.orderTotal),
      };
    }
    (order as RecapOrder | null)?.items.push(
      `${str(r.quantity)} ${str(r.unit)} ${str(r.item)}`.replace(/\s+/g, ' ').trim(),
    );
  }
  if (opds === 0) {
    heading(doc, period, 'semua OPD');
    doc.text('Tidak ada pesanan selesai pada bulan ini.');
  }
  doc.end();
  await once(out, 'close');
  return n;
}

function heading(doc: Pdf, period: string, who: string): void {
  doc.font('Helvetica-Bold').fontSize(13).text('REKAPITULASI BELANJA ASN MELALUI PEKEN', { align: 'center' });
  doc.font('Helvetica').fontSize(10).text(`OPD: ${who}`, { align: 'center' });
  doc.text(`Bulan: ${monthLong(period)} (waktu WIB)`, { align: 'center' });
  doc.moveDown(0.8);
}

function grandTotal(doc: Pdf, period: string, opds: number, label: string, total: number): void {
  doc.addPage();
  heading(doc, period, `${opds} OPD`);
  doc
    .font('Helvetica-Bold')
    .fontSize(11)
    .text(`${label}: ${formatRupiah(total)}`);
  doc.font('Helvetica').fontSize(10);
}
