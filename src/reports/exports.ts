import type { RawBuilder } from 'kysely';
import type { ExportColumn } from './export-table.js';
import { buyerComplianceQuery, shopCapsQuery, toBuyerComplianceRow, toShopCapRow } from './report.repository.js';
import { spjOrdersQuery, toSpjRow } from './spj.repository.js';

export const EXPORT_KINDS = ['spj', 'compliance', 'shop-revenue'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportRequest {
  kind: ExportKind;
  period: string;
  agencyId?: number;
  /** The shop_monthly_cap setting, for shops without an override (shop-revenue). */
  defaultCap: number;
}

export type ExportCell = string | number | null;

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
  row(raw: object): Record<string, ExportCell>;
}

export function exportPlan(r: ExportRequest): ExportPlan {
  const { period, agencyId } = r;
  switch (r.kind) {
    case 'spj':
      return {
        name: `spj-${period}${agencyId ? `-opd${agencyId}` : ''}`,
        sheet: `SPJ ${period}`,
        columns: [
          { key: 'agencyCode', header: 'Kode OPD', kind: 'text' },
          { key: 'agencyName', header: 'OPD', kind: 'text' },
          { key: 'buyerName', header: 'Nama ASN', kind: 'text' },
          { key: 'orderCode', header: 'Kode pesanan', kind: 'text' },
          { key: 'completedAt', header: 'Selesai (UTC)', kind: 'text' },
          { key: 'shopCode', header: 'Kode toko', kind: 'text' },
          { key: 'shopName', header: 'Toko', kind: 'text' },
          { key: 'items', header: 'Barang', kind: 'text' },
          { key: 'total', header: 'Total (Rp)', kind: 'rupiah' },
        ],
        query: spjOrdersQuery(period, agencyId) as RawBuilder<object>,
        row: (raw) => ({ ...toSpjRow(raw as Parameters<typeof toSpjRow>[0]) }),
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
        row: (raw) => {
          const b = toBuyerComplianceRow(raw as Parameters<typeof toBuyerComplianceRow>[0]);
          return { ...b, status: b.shortfall === 0 ? 'memenuhi' : 'di bawah kuota' };
        },
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
        row: (raw) => {
          const { usage: _u, ...rest } = toShopCapRow(raw as Parameters<typeof toShopCapRow>[0]);
          return rest;
        },
      };
  }
}
