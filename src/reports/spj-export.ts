import type { ExportColumn } from './export-table.js';
import type { ExportRow, RowSource } from './exports.js';
import { paymentLabel } from '../payments/payment-label.js';
import { spjWithTotals } from './spj-rows.js';
import { toSpjLine, type SpjRaw } from './spj.repository.js';

/** The SPJ's columns, as a finance officer reads them: one row per item line. */
export const SPJ_COLUMNS: readonly ExportColumn[] = [
  { key: 'agencyCode', header: 'Kode OPD', kind: 'text' },
  { key: 'agencyName', header: 'OPD', kind: 'text' },
  { key: 'completedAt', header: 'Tanggal selesai (WIB)', kind: 'datetime' },
  { key: 'nip', header: 'NIP', kind: 'text' },
  { key: 'buyerName', header: 'Nama ASN', kind: 'text' },
  { key: 'orderCode', header: 'Kode pesanan', kind: 'text' },
  { key: 'shopName', header: 'Toko', kind: 'text' },
  { key: 'owner', header: 'Pemilik', kind: 'text' },
  { key: 'address', header: 'Alamat toko', kind: 'text' },
  { key: 'item', header: 'Barang', kind: 'text' },
  { key: 'quantity', header: 'Jumlah', kind: 'int' },
  { key: 'unit', header: 'Satuan', kind: 'text' },
  { key: 'unitPrice', header: 'Harga satuan (Rp)', kind: 'rupiah' },
  { key: 'subtotal', header: 'Subtotal (Rp)', kind: 'rupiah' },
  { key: 'orderTotal', header: 'Total pesanan (Rp)', kind: 'rupiah' },
  { key: 'paymentMethod', header: 'Cara bayar', kind: 'text' },
];

/**
 * The SPJ's rows from the query's rows: item lines, each OPD's subtotal, the grand total. The order total
 * stands on the order's first line only, so that summing the column gives the ledger's total.
 */
export async function* spjExportRows(raws: RowSource<object>): AsyncGenerator<ExportRow> {
  async function* lines() {
    for await (const raw of raws) yield toSpjLine(raw as SpjRaw);
  }
  for await (const r of spjWithTotals(lines())) {
    switch (r.kind) {
      case 'line': {
        const l = r.line;
        yield {
          agencyCode: l.agencyCode,
          agencyName: l.agencyName,
          completedAt: l.completedAt,
          nip: l.nip,
          buyerName: l.buyerName,
          orderCode: l.orderCode,
          shopName: l.shopName,
          owner: l.owner,
          address: l.address,
          item: l.item,
          quantity: l.quantity,
          unit: l.unit,
          unitPrice: l.unitPrice,
          subtotal: l.subtotal,
          orderTotal: r.firstOfOrder ? l.orderTotal : null,
          paymentMethod: paymentLabel(l.paymentMethod),
        };
        break;
      }
      case 'subtotal':
        yield {
          __style: 'subtotal',
          agencyCode: r.agencyCode,
          agencyName: `Subtotal ${r.agencyName} (${r.orders} pesanan)`,
          orderTotal: r.total,
        };
        break;
      case 'total':
        yield { __style: 'total', agencyName: `TOTAL SEMUA OPD (${r.orders} pesanan)`, orderTotal: r.total };
        break;
    }
  }
}
