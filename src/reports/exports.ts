import type { Db } from '../db/database.js';
import type { ExportTable } from './export-table.js';
import type { ReportService } from './report.service.js';
import { spjOrders } from './spj.repository.js';

export const EXPORT_KINDS = ['spj', 'compliance', 'shop-revenue'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** The three exports as tables; rendering (CSV/XLSX) is separate. Column headers in Indonesian. */
export function createExports(deps: { db: Db; reports: ReportService }) {
  return {
    async build(kind: ExportKind, period: string, p: { agencyId?: number } = {}): Promise<ExportTable> {
      switch (kind) {
        case 'spj': {
          const rows = await spjOrders(deps.db, period, p.agencyId);
          return {
            name: `spj-${period}${p.agencyId ? `-opd${p.agencyId}` : ''}`,
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
            rows: rows as unknown as ExportTable['rows'],
          };
        }
        case 'compliance': {
          const rows = await deps.reports.buyerCompliance(period, { agencyId: p.agencyId, belowOnly: false });
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
            rows: rows.map((r) => ({ ...r, status: r.shortfall === 0 ? 'memenuhi' : 'di bawah kuota' })),
          };
        }
        case 'shop-revenue': {
          const rows = await deps.reports.shopRevenue(period);
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
            rows: rows.map(({ usage: _u, ...r }) => r),
          };
        }
      }
    },
  };
}

export type Exports = ReturnType<typeof createExports>;
