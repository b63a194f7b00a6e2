import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { ExportFormat, ExportCell, ExportRow, RowSource } from './exports.js';
import { csvCell, safeText, wibCellDate, wibText, type ExportColumn } from './export-table.js';
import { writeSpjRecapPdf } from './spj-recap-pdf.js';

export interface ExportSink {
  file: string;
  format: ExportFormat;
  sheet: string;
  columns: readonly ExportColumn[];
  /** The month 'YYYY-MM' (the PDF recap's heading). */
  period: string;
}

/**
 * Writes rows to a file as they come, so that memory stays flat whatever the number of rows: CSV line by
 * line (waiting when the disk is behind), XLSX through exceljs's streaming writer (each row committed and
 * flushed, no shared-strings table). Returns the number of rows written.
 */
export async function writeExport(sink: ExportSink, rows: RowSource<ExportRow>): Promise<number> {
  switch (sink.format) {
    case 'csv':
      return writeCsv(sink, rows);
    case 'xlsx':
      return writeXlsx(sink, rows);
    case 'pdf':
      // Only the SPJ has a PDF (its recap per OPD); the route refuses the others.
      return writeSpjRecapPdf(sink.file, sink.period, rows);
  }
}

async function writeCsv(sink: ExportSink, rows: RowSource<ExportRow>): Promise<number> {
  const out = createWriteStream(sink.file);
  // A BOM so that Excel reads UTF-8; CRLF line ends.
  await write(out, `\uFEFF${sink.columns.map((c) => csvCell(c.header)).join(',')}\r\n`);
  let n = 0;
  let chunk = '';
  for await (const r of rows) {
    chunk += `${sink.columns.map((c) => csvCell(c.kind === 'datetime' && typeof r[c.key] === 'string' ? wibText(r[c.key] as string) : (r[c.key] ?? null))).join(',')}\r\n`;
    n++;
    if (chunk.length > 64 * 1024) {
      await write(out, chunk);
      chunk = '';
    }
  }
  await write(out, chunk);
  out.end();
  await once(out, 'close');
  return n;
}

async function write(out: WriteStream, s: string): Promise<void> {
  if (!out.write(s)) await once(out, 'drain');
}

async function writeXlsx(sink: ExportSink, rows: RowSource<ExportRow>): Promise<number> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: sink.file,
    useStyles: true,
    useSharedStrings: false,
    zip: { zlib: { level: 1 } },
  });
  wb.creator = 'peken';
  // The header stays in view while scrolling (frozen first row).
  const ws = wb.addWorksheet(sink.sheet.slice(0, 31), { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  ws.columns = sink.columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: Math.min(50, Math.max(10, c.header.length + 2)),
    style:
      c.kind === 'rupiah'
        ? { numFmt: '"Rp" #,##0' }
        : c.kind === 'int'
          ? { numFmt: '0' }
          : c.kind === 'datetime'
            ? { numFmt: 'dd/mm/yyyy hh:mm' }
            : {},
  }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  let n = 0;
  for await (const r of rows) {
    const row: Record<string, ExportCell | Date> = {};
    for (const c of sink.columns) {
      const v = r[c.key] ?? null;
      row[c.key] =
        c.kind === 'datetime' && typeof v === 'string' ? wibCellDate(v) : typeof v === 'string' ? safeText(v) : v;
    }
    const added = ws.addRow(row);
    // Subtotal and total rows in bold, so that they stand out from the lines they sum.
    if (r.__style) added.font = { bold: true };
    added.commit();
    n++;
    // exceljs pushes committed rows on to the zip compressor without waiting for it: yield now and then so
    // that compression and the disk keep up instead of rows piling up as buffers.
    if (n % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  ws.commit();
  await wb.commit();
  return n;
}
