import { jakartaWallClock } from '../shared/jakarta-time.js';

// The cell rules live in src/shared: the roster's reject report (src/people) writes CSV cells too.
export { csvCell, safeText } from '../shared/csv-cell.js';

/** A column of an export: rendered to CSV or XLSX by export-writer.ts. */
export interface ExportColumn {
  key: string;
  header: string;
  /** `datetime`: an ISO instant in the row, written as Jakarta wall-clock time (WIB). */
  kind: 'text' | 'int' | 'rupiah' | 'datetime';
}

/** An ISO instant as `YYYY-MM-DD HH:MM` in WIB (sorts as text; spreadsheet apps read it as a date). */
export function wibText(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return jakartaWallClock(new Date(t)).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * An ISO instant as the Date that XLSX stores for its WIB wall-clock time: spreadsheet dates have no zone,
 * and exceljs writes a Date's UTC fields, so the instant is shifted by Jakarta's offset first.
 */
export function wibCellDate(iso: string): Date | null {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : jakartaWallClock(new Date(t));
}
