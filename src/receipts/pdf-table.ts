import type { Pdf } from './pdf-document.js';

export interface PdfColumn {
  header: string;
  /** Share of the text width (the columns' shares are scaled to fill it). */
  share: number;
  align?: 'left' | 'right' | 'center';
}

/**
 * A simple ruled table: a bold header (repeated on each new page) and rows whose height follows the tallest
 * cell. `bold` rows (subtotals, totals) stand out. One text run per cell, so that a reader copies the figures.
 */
export function startTable(
  doc: Pdf,
  columns: readonly PdfColumn[],
): { row(cells: readonly string[], bold?: boolean): void } {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const total = columns.reduce((a, c) => a + c.share, 0);
  const widths = columns.map((c) => (c.share / total) * width);
  const pad = 3;

  const drawRow = (cells: readonly string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    const height =
      Math.max(...cells.map((t, i) => doc.heightOfString(t || ' ', { width: widths[i]! - 2 * pad }))) + 2 * pad;
    const y = doc.y;
    let x = left;
    cells.forEach((t, i) => {
      doc.text(t || ' ', x + pad, y + pad, {
        width: widths[i]! - 2 * pad,
        align: columns[i]!.align ?? 'left',
        lineBreak: true,
      });
      x += widths[i]!;
    });
    doc
      .moveTo(left, y + height)
      .lineTo(left + width, y + height)
      .lineWidth(0.3)
      .stroke();
    doc.x = left;
    doc.y = y + height;
  };
  const header = () => {
    doc
      .moveTo(left, doc.y)
      .lineTo(left + width, doc.y)
      .lineWidth(0.6)
      .stroke();
    drawRow(
      columns.map((c) => c.header),
      true,
    );
  };

  header();
  return {
    row(cells, bold = false) {
      if (doc.y + 30 > doc.page.height - doc.page.margins.bottom) {
        doc.addPage();
        header();
      }
      drawRow(cells, bold);
      doc.font('Helvetica').fontSize(10);
    },
  };
}
