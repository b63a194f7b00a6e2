import { parse } from 'csv-parse/sync';
import { ValidationError } from './errors.js';

export interface CsvRow {
  /** 1-based line number in the file, as a spreadsheet shows it. */
  line: number;
  values: Record<string, string>;
}

/** Parses CSV with a header row; checks the header has every required column. */
export function readCsv(text: string, required: readonly string[]): CsvRow[] {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as string[][];
  } catch (error) {
    throw new ValidationError(`the file is not valid CSV: ${(error as Error).message}`);
  }
  const [header, ...rows] = records;
  if (!header) throw new ValidationError('the file is empty');
  const cols = header.map((h) => h.toLowerCase());
  const missing = required.filter((r) => !cols.includes(r));
  if (missing.length)
    throw new ValidationError(`missing column(s): ${missing.join(', ')}; expected ${required.join(',')}`);
  return rows.map((r, i) => ({ line: i + 2, values: Object.fromEntries(cols.map((c, j) => [c, r[j] ?? ''])) }));
}

/** One problem per bad row, with its line number; an import with any of these writes nothing. */
export class ImportError extends ValidationError {
  /** The id of the kept report of every rejected row (line, reason), when one was kept. */
  reportId?: string;
  /** Where that report is downloaded, as the adapter serves it. */
  reportUrl?: string;
  constructor(readonly rows: ReadonlyArray<{ line: number; reason: string }>) {
    super(
      `${rows.length} row(s) rejected, nothing imported:\n${rows.map((r) => `  line ${r.line}: ${r.reason}`).join('\n')}`,
      rows.map((r) => `line ${r.line}: ${r.reason}`),
    );
  }
}
