import type { RawBuilder } from 'kysely';
import type { ExportColumn } from './export-table.js';
import { buyerComplianceQuery, shopCapsQuery, toBuyerComplianceRow, toShopCapRow } from './report.repository.js';
import { spjExportRows, SPJ_COLUMNS } from './spj-export.js';
import { spjLinesQuery } from './spj.repository.js';

export const EXPORT_KINDS = ['spj', 'compliance', 'shop-revenue'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportRequest {
  kind: ExportKind;
  period: string;
  agencyId?: number;
  /** The shop_monthly_cap setting, for shops without an override (shop-revenue). */
  defaultCap: number;
}

export type ExportCell = string | number | null;
/** A row of an export by column key; `__style` marks a subtotal or total row (bold in XLSX). */
export type ExportRow = Record<string, ExportCell>;

/**
 * Rows as they come: a list or SQLite's stepped statement, or batches fetched from a PostgreSQL cursor, which
 * arrive asynchronously (src/reports/export-thread.ts).
 */
export type RowSource<T> = Iterable<T> | AsyncIterable<T>;

/** Maps each raw row on its own (the exports without subtotals). */
const eachRow = <T>(map: (raw: T) => ExportRow) =>
  async function* (raws: RowSource<object>): AsyncGenerator<ExportRow> {
    for await (const raw of raws) yield map(raw as T);
  };

/**
 * An export as a query and a row mapping, so that it can be streamed row by row (export-writer.ts) instead
 * of being built in memory: 130,000 ASN took 1.7 GB and 8 s of the event loop that way (issue 19).
 * Column headers in Indonesian.
 */
export interface ExportPlan {
  /** File name without extension, e.g. `spj-2026-11`. */
  name: string;
  sheet: string;
  columns: readonly ExportColumn[];
  query: RawBuilder<object>;
  /** The file's rows from the query's rows, in order; may add rows (the SPJ's subtotals). */
  rows(raws: RowSource<object>): AsyncIterable<ExportRow>;
  /** Formats besides CSV and XLSX that this export has (the SPJ: its recap as PDF). */
  pdf?: boolean;
}

export function exportPlan(r: ExportRequest): ExportPlan {
  const { period, agencyId } = r;
  switch (r.kind) {
    case 'spj':
      return {
        name: `spj-${period}${agencyId ? `-opd${agencyId}` : ''}`,
        sheet: `SPJ ${period}`,
        columns: SPJ_COLUMNS,
        query: spjLinesQuery(period, agencyId) as RawBuilder<object>,
        rows: spjExportRows,
        pdf: true,
      };
    case 'compliance':
      return {
        name: `kepatuhan-${period}`,
        sheet: `Kepatuhan ${period}`,
        columns: [
          { key: 'agencyCode', header: 'Kode OPD', kind: 'text' },
          { key: 'agencyName', header: 'OPD', kind: 'text' },
          { key: 'name', header: 'Nama ASN', kind: 'text' },
          { key: 'positionClass', header: 'Kelas jabatan', kind: 'text' },
          { key: 'quota', header: 'Kuota minimum (Rp)', kind: 'rupiah' },
          { key: 'committed', header: 'Belanja selesai (Rp)', kind: 'rupiah' },
          { key: 'shortfall', header: 'Kekurangan (Rp)', kind: 'rupiah' },
          { key: 'status', header: 'Status', kind: 'text' },
        ],
        query: buyerComplianceQuery(period, { agencyId, belowOnly: false }) as RawBuilder<object>,
        rows: eachRow((raw: Parameters<typeof toBuyerComplianceRow>[0]) => {
          const b = toBuyerComplianceRow(raw);
          return { ...b, status: b.shortfall === 0 ? 'memenuhi' : 'di bawah kuota' };
        }),
      };
    case 'shop-revenue':
      return {
        name: `pendapatan-toko-${period}`,
        sheet: `Pendapatan ${period}`,
        columns: [
          { key: 'code', header: 'Kode toko', kind: 'text' },
          { key: 'name', header: 'Toko', kind: 'text' },
          { key: 'kecamatan', header: 'Kecamatan', kind: 'text' },
          { key: 'status', header: 'Status', kind: 'text' },
          { key: 'committed', header: 'Pendapatan (Rp)', kind: 'rupiah' },
          { key: 'held', header: 'Ditahan (Rp)', kind: 'rupiah' },
          { key: 'cap', header: 'Batas bulanan (Rp)', kind: 'rupiah' },
        ],
        query: shopCapsQuery(period, { defaultCap: r.defaultCap, minUsage: 0 }) as RawBuilder<object>,
        rows: eachRow((raw: Parameters<typeof toShopCapRow>[0]) => {
          const { usage: _u, ...rest } = toShopCapRow(raw);
          return rest;
        }),
      };
  }
}
