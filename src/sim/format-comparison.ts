import type { SimResult } from './run-simulation.js';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/**
 * The policies of one seed side by side (issue 20): the figures the city weighs a listing policy by, one
 * column per run. A run that stopped early is marked: its month is not a month.
 */
export function formatComparison(runs: readonly SimResult[]): string {
  const rows: [string, (r: SimResult) => string][] = [
    ['Gini of shop revenue', (r) => r.figures.giniShopRevenue.toFixed(3)],
    // What no listing of one kecamatan can move under the area policy kecamatan (spread-floor.ts).
    ['Gini between kecamatan', (r) => r.figures.giniBetweenKecamatan.toFixed(3)],
    [
      'shops with a completed order',
      (r) => `${pct(r.figures.shopsHelpedShare)} (${r.figures.shopsWithCompletedOrder}/${r.figures.activeShops})`,
    ],
    // Shops that accept and never deliver (issue 14's lapse) complete no order under any listing.
    ['shops that never deliver', (r) => String(r.deadlines.shopsNeverDeliver)],
    ['top shop of its cap', (r) => (r.figures.topShop ? pct(r.figures.topShop.share) : '—')],
    ['ASN at quota', (r) => pct(r.figures.asnAtQuotaShare)],
    ['same-kelurahan orders', (r) => pct(r.figures.sameKelurahanShare)],
    ['orders (expired)', (r) => `${r.figures.orders} (${r.figures.ordersByState.expired ?? 0})`],
    ['shops at their cap', (r) => String(r.figures.shopsAtCap)],
    ['invariants', (r) => (invariantsHold(r) ? 'hold' : 'BROKEN')],
    ['ran', (r) => (r.stoppedEarly ? `STOPPED day ${r.stoppedEarly.day}` : `${r.elapsedSeconds} s`)],
  ];
  const header = ['', ...runs.map((r) => r.listing)];
  const table = [header, ...rows.map(([label, f]) => [label, ...runs.map(f)])];
  const widths = header.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  const line = (row: string[]) => `| ${row.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [
    `— listing policies side by side, seed ${runs[0]?.seed}: ${runs[0]?.buyers} ASN, ${runs[0]?.shops} shops, ${runs[0]?.area} area`,
    line(table[0]!),
    rule,
    ...table.slice(1).map(line),
  ].join('\n');
}

/** The ledger's invariants held, no repeated chat update was answered twice and no hold outlived its deadline. */
export function invariantsHold(r: SimResult): boolean {
  const i = r.figures.invariants;
  // A hold still open after the sweep that followed its deadline outlived its order (issue 14, deadline-watch.ts).
  return (
    i.capNeverPassed &&
    i.noOrderChargedTwice &&
    i.noAcknowledgedOrderLost &&
    i.ledgerVerified &&
    r.faults.duplicatesAnswered === 0 &&
    r.deadlines.maxOverdueHolds === 0
  );
}
