import type { RowSource } from './exports.js';
import type { SpjLine } from './spj.repository.js';

/** A row of the SPJ as a reader walks it: item lines, then each OPD's subtotal, then the grand total. */
export type SpjSheetRow =
  | { kind: 'line'; line: SpjLine; firstOfOrder: boolean }
  | { kind: 'subtotal'; agencyCode: string; agencyName: string; orders: number; total: number }
  | { kind: 'total'; orders: number; total: number };

/**
 * Adds an OPD's subtotal after its last line and the grand total at the end. Lines come ordered by OPD
 * (spjLinesQuery); each order's total is counted once, on its first line, so that the subtotals and the
 * total are sums of the ledger's commit entries, whatever the item lines say. Streams: it keeps only the
 * running sums.
 */
export async function* spjWithTotals(lines: RowSource<SpjLine>): AsyncGenerator<SpjSheetRow> {
  let agency: { code: string; name: string; orders: number; total: number } | null = null;
  let orders = 0;
  let total = 0;
  let lastOrder = '';
  for await (const line of lines) {
    if (agency && agency.code !== line.agencyCode) {
      yield {
        kind: 'subtotal',
        agencyCode: agency.code,
        agencyName: agency.name,
        orders: agency.orders,
        total: agency.total,
      };
      agency = null;
    }
    agency ??= { code: line.agencyCode, name: line.agencyName, orders: 0, total: 0 };
    const firstOfOrder = line.orderCode !== lastOrder;
    lastOrder = line.orderCode;
    if (firstOfOrder) {
      agency.orders++;
      agency.total += line.orderTotal;
      orders++;
      total += line.orderTotal;
    }
    yield { kind: 'line', line, firstOfOrder };
  }
  if (agency)
    yield {
      kind: 'subtotal',
      agencyCode: agency.code,
      agencyName: agency.name,
      orders: agency.orders,
      total: agency.total,
    };
  yield { kind: 'total', orders, total };
}
