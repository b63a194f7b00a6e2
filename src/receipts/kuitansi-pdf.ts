import { formatRupiah } from '../shared/money.js';
import { paymentLabel } from '../payments/payment-label.js';
import { drawBast } from './bast-block.js';
import { createPdf, pdfBytes } from './pdf-document.js';
import { startTable } from './pdf-table.js';
import type { KuitansiItem, KuitansiRow } from './receipt.repository.js';
import { terbilang } from './terbilang.js';
import { wibDate, wibLong } from './wib-format.js';

/** A completed order's kuitansi as a finance officer files it; the total is the ledger's. */
export interface Kuitansi {
  order: KuitansiRow & { completedAt: string; ledgerTotal: number };
  items: readonly KuitansiItem[];
}

/** Renders a kuitansi (receipt) with its item lines, the amount in words, and the handover block. */
export function renderKuitansi(k: Kuitansi): Promise<Uint8Array> {
  const { order: o } = k;
  const doc = createPdf({ title: `Kuitansi ${o.code}` });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc.font('Helvetica-Bold').fontSize(16).text('KUITANSI', { align: 'center' });
  doc.font('Helvetica').fontSize(10).text(`No. ${o.code}`, { align: 'center' });
  doc.moveDown(1);
  const field = (label: string, value: string) => {
    const y = doc.y;
    doc.font('Helvetica').fontSize(10).text(label, left, y, { width: 130 });
    doc.text(`: ${value}`, left + 130, y, { width: width - 130 });
    doc.moveDown(0.2);
  };
  field('Telah terima dari', `${o.buyerName} (NIP ${o.nip})`);
  field('Unit kerja (OPD)', o.agencyName);
  field('Uang sejumlah', formatRupiah(o.ledgerTotal));
  field('Terbilang', terbilang(o.ledgerTotal));
  field('Untuk pembayaran', `belanja di ${o.shopName} melalui peken, pesanan ${o.code}`);
  field('Cara bayar', paymentLabel(o.paymentMethod));
  field('Tanggal selesai', wibLong(o.completedAt));
  doc.moveDown(0.8);
  const table = startTable(doc, [
    { header: 'No', share: 4, align: 'right' },
    { header: 'Barang', share: 30 },
    { header: 'Jumlah', share: 8, align: 'right' },
    { header: 'Satuan', share: 10 },
    { header: 'Harga satuan', share: 16, align: 'right' },
    { header: 'Subtotal', share: 16, align: 'right' },
  ]);
  k.items.forEach((i, n) =>
    table.row([
      String(n + 1),
      i.name,
      String(i.quantity),
      i.unit,
      formatRupiah(i.price),
      formatRupiah(i.price * i.quantity),
    ]),
  );
  table.row(['', 'Total', '', '', '', formatRupiah(o.ledgerTotal)], true);
  doc.moveDown(0.8);
  const y = doc.y;
  doc.text(`Penjual: ${o.shopName} (${o.shopCode})`, left, y, { width });
  doc.text(`Pemilik: ${o.owner || '-'}`, { width });
  doc.text(`Alamat: ${o.address || '-'}`, { width });
  doc.moveDown(0.5);
  doc.text(`Surabaya, ${wibDate(o.completedAt)}`, { width, align: 'right' });
  drawBast(doc, {
    date: wibDate(o.completedAt),
    what: `barang pesanan ${o.code} dari ${o.shopName} kepada ${o.buyerName}`,
    total: o.ledgerTotal,
    signatories: [
      { role: 'Yang menyerahkan', title: 'Penjual / pemilik toko', name: o.owner },
      { role: 'Yang menerima', title: 'Pembeli', name: o.buyerName, note: `NIP ${o.nip}` },
    ],
  });
  return pdfBytes(doc);
}
