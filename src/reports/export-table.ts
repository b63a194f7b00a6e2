/** A report as rows and typed columns: one shape, rendered to CSV or XLSX. */
export interface ExportColumn {
  key: string;
  header: string;
  kind: 'text' | 'int' | 'rupiah';
}

export interface ExportTable {
  /** File name without extension, e.g. `spj-2026-11`. */
  name: string;
  sheet: string;
  columns: readonly ExportColumn[];
  rows: ReadonlyArray<Record<string, string | number | null>>;
}

// A cell that starts with = + - @ (or a tab/CR) is a formula to spreadsheet apps: prefix it so that a shop
// named "=HYPERLINK(…)" stays text (CSV injection).
const FORMULA = /^[=+\-@\t\r]/;

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const s = FORMULA.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV with a BOM (so Excel reads UTF-8) and CRLF line ends. */
export function toCsv(t: ExportTable): string {
  const lines = [t.columns.map((c) => csvCell(c.header)).join(',')];
  for (const r of t.rows) lines.push(t.columns.map((c) => csvCell(r[c.key] ?? null)).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The same table as an XLSX workbook; rupiah columns are numbers with a thousands format. */
export async function toXlsx(t: ExportTable): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'peken';
  const ws = wb.addWorksheet(t.sheet.slice(0, 31));
  ws.columns = t.columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: Math.min(50, Math.max(10, c.header.length + 2)),
    style: c.kind === 'rupiah' ? { numFmt: '"Rp" #,##0' } : c.kind === 'int' ? { numFmt: '0' } : {},
  }));
  ws.getRow(1).font = { bold: true };
  for (const r of t.rows) {
    const row: Record<string, string | number | null> = {};
    for (const c of t.columns) {
      const v = r[c.key] ?? null;
      row[c.key] = typeof v === 'string' && FORMULA.test(v) ? `'${v}` : v;
    }
    ws.addRow(row);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
