import { formatRupiah } from '../shared/money.js';
import { keepSpace, type Pdf } from './pdf-document.js';
import { terbilang } from './terbilang.js';

export interface Signatory {
  /** What they sign as ("Yang menyerahkan", "Yang menerima", "Mengetahui"). */
  role: string;
  /** Their function ("Pemilik toko", "Bendahara Pengeluaran"). */
  title: string;
  /** Their name, or '' for a line to fill in by hand. */
  name: string;
  /** A second line under the name (NIP …). */
  note?: string;
}

/**
 * The handover block (Berita Acara Serah Terima) and the signature lines under it. Goods bought with the
 * office's money are accounted for by a handover signed by both sides: the auditor asks for it with the
 * kuitansi. Kept together on one page.
 */
export function drawBast(
  doc: Pdf,
  p: { date: string; what: string; total: number; signatories: readonly Signatory[] },
): void {
  keepSpace(doc, 230);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc.moveDown(1);
  doc
    .font('Helvetica-Bold')
    .fontSize(11)
    .text('BERITA ACARA SERAH TERIMA (BAST)', left, doc.y, { width, align: 'center' });
  doc.moveDown(0.5);
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(
      `Pada ${p.date}, ${p.what} telah diserahterimakan dalam keadaan baik dan lengkap, dengan nilai ${formatRupiah(p.total)} (${terbilang(p.total)}).`,
      left,
      doc.y,
      { width, align: 'justify' },
    );
  doc.moveDown(1.5);
  const n = p.signatories.length;
  const col = width / n;
  const top = doc.y;
  p.signatories.forEach((s, i) => {
    const x = left + i * col;
    doc
      .font('Helvetica')
      .fontSize(10)
      .text(`${s.role},`, x, top, { width: col - 8, align: 'center' });
    doc.text(s.title, x, doc.y, { width: col - 8, align: 'center' });
    const lineY = top + 80;
    doc
      .moveTo(x + 12, lineY)
      .lineTo(x + col - 20, lineY)
      .lineWidth(0.5)
      .stroke();
    doc.font('Helvetica-Bold').text(s.name || ' ', x, lineY + 4, { width: col - 8, align: 'center' });
    if (s.note)
      doc
        .font('Helvetica')
        .fontSize(9)
        .text(s.note, x, doc.y, { width: col - 8, align: 'center' });
  });
  doc.font('Helvetica').fontSize(10);
  doc.x = left;
  doc.y = top + 120;
}
