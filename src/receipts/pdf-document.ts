import PDFDocument from 'pdfkit';

export type Pdf = InstanceType<typeof PDFDocument>;

/**
 * A new A4 PDF in the standard Helvetica fonts: nothing to embed or fetch, and the text stays text (a
 * reader can search and copy it). `compress` is pdfkit's own (on): tests inflate the streams to read the text.
 */
export function createPdf(p: { title: string; landscape?: boolean }): Pdf {
  const doc = new PDFDocument({
    size: 'A4',
    layout: p.landscape ? 'landscape' : 'portrait',
    margin: 48,
    info: { Title: p.title, Creator: 'peken', Producer: 'peken' },
  });
  doc.font('Helvetica');
  return doc;
}

/** The whole document as bytes (for a kuitansi: small, sent in chat or downloaded). */
export function pdfBytes(doc: Pdf): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    doc.end();
  });
}

/** Moves to a new page when fewer than `needed` points are left above the bottom margin. */
export function keepSpace(doc: Pdf, needed: number): void {
  if (doc.y + needed > doc.page.height - doc.page.margins.bottom) doc.addPage();
}
