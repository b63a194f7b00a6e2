import ExcelJS from 'exceljs';
import { readCsv, type CsvRow } from '../shared/csv.js';
import { ValidationError } from '../shared/errors.js';

/** An uploaded file: its name (for the format) and its bytes. */
export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

/** More rows than any city's roster: a file past this is refused before it is checked. */
export const MAX_UPLOAD_ROWS = 200_000;

/** XLSX is a zip: its first bytes are "PK\x03\x04", whatever the file is called. */
const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/**
 * The rows of an uploaded CSV or XLSX (first sheet), with a header row naming the columns and each row's
 * line as a spreadsheet shows it. Both formats give the same CsvRow values, so one check serves both.
 */
export async function readTable(file: UploadedFile, required: readonly string[]): Promise<CsvRow[]> {
  const xlsx = isZip(file.bytes);
  if (!xlsx && /\.xlsx?$/i.test(file.name))
    throw new ValidationError(`${file.name} is not an XLSX workbook (an old .xls? save it as .xlsx or CSV)`);
  const rows = xlsx
    ? await readXlsx(file.bytes, required)
    : readCsv(new TextDecoder('utf-8').decode(file.bytes), required);
  if (rows.length > MAX_UPLOAD_ROWS)
    throw new ValidationError(`${rows.length} rows: at most ${MAX_UPLOAD_ROWS} per upload`);
  return rows;
}

async function readXlsx(bytes: Uint8Array, required: readonly string[]): Promise<CsvRow[]> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new ValidationError(`the file is not a readable XLSX workbook: ${(error as Error).message}`);
  }
  const sheet = book.worksheets[0];
  if (!sheet || sheet.rowCount === 0) throw new ValidationError('the file is empty');
  const header = sheet.getRow(1);
  const cols: string[] = [];
  header.eachCell({ includeEmpty: true }, (cell, col) => {
    cols[col - 1] = cellText(cell.value).toLowerCase();
  });
  const missing = required.filter((r) => !cols.includes(r));
  if (missing.length)
    throw new ValidationError(`missing column(s): ${missing.join(', ')}; expected ${required.join(',')}`);
  const out: CsvRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    if (line === 1) return;
    const values: Record<string, string> = {};
    cols.forEach((c, j) => {
      if (c) values[c] = cellText(row.getCell(j + 1).value);
    });
    // A row of empty cells (formatting only) is skipped, as the CSV reader skips empty lines.
    if (Object.values(values).some((v) => v !== '')) out.push({ line, values });
  });
  return out;
}

/** A cell as the text a CSV would hold. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') {
    // An 18-digit NIP typed into a number cell has lost its last digits already: never pass a rounded
    // number on as if it were the NIP (its exponent form fails the NIP check, with the column to fix).
    return Number.isSafeInteger(v) || !Number.isInteger(v) ? String(v) : v.toExponential();
  }
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('richText' in v)
    return v.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if ('text' in v) return String(v.text).trim();
  if ('result' in v) return v.result === undefined ? '' : cellText(v.result as ExcelJS.CellValue);
  return '';
}
