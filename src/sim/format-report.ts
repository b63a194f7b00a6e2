import { formatRupiah } from '../shared/money.js';
import type { SimResult } from './run-simulation.js';

/** The closing report as a person reads it; the JSON line after it is for machines. */
export function formatReport(r: SimResult): string {
  const f = r.figures;
  const inv = f.invariants;
  const ok = (b: boolean) => (b ? 'ok' : 'BROKEN');
  const states = Object.entries(f.ordersByState)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return [
    `— ${r.listing} listing, ${r.area} area, ${r.driver} driver, seed ${r.seed}: ${r.buyers} ASN, ${r.shops} shops, ${r.days} days at ×${r.scale}`,
    `orders          ${f.orders} (${states})`,
    `refused because ${
      Object.entries(f.refusedByReason)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || '—'
    }`,
    `turnover        ${formatRupiah(f.turnover)}`,
    `ASN at quota    ${f.asnAtQuota} (${pct(f.asnAtQuotaShare)})`,
    `shops helped    ${f.shopsWithCompletedOrder} of ${f.activeShops} active (${pct(f.shopsHelpedShare)}), ${f.shopsAtCap} at their cap; ${r.deadlines.shopsNeverDeliver} never deliver (at most ${f.activeShops - r.deadlines.shopsNeverDeliver} can be helped)`,
    `top shop        ${f.topShop ? `${formatRupiah(f.topShop.revenue)} of ${formatRupiah(f.topShop.cap)} (${pct(f.topShop.share)})` : '—'}`,
    `Gini            ${f.giniShopRevenue}; between kecamatan ${f.giniBetweenKecamatan} (every shop at its kecamatan's mean)`,
    `reminders       ${f.remindersSent}; late answers ${r.lateAnswers}`,
    `deadlines       ${r.deadlines.maxOverdueHolds} holds past their deadline + one sweep (${r.deadlines.samples} samples; longest past its deadline ${r.deadlines.maxMinutesPastDeadline} virtual min); never delivered ${r.deadlines.neverDelivered} → expired ${r.deadlines.expiredNotDelivered}; never paid ${r.deadlines.neverPaid} → review ${r.deadlines.inReview}`,
    `faults          ${r.faults.workersKilled} workers killed, ${r.faults.redisRestarts} Redis restarts, ${r.faults.duplicatesDelivered} duplicate updates, ${r.faults.chatApiFailures} chat API failures`,
    `invariants      cap ${ok(inv.capNeverPassed)}, charged once ${ok(inv.noOrderChargedTwice)}, none lost ${ok(inv.noAcknowledgedOrderLost)} (${inv.stuck} stuck), ledger verify ${ok(inv.ledgerVerified)}`,
    `time            ${r.elapsedSeconds} s, ${r.ordersPerSecond} orders/s; agents late by ≤ ${r.lag.maxLagMinutes} virtual min (p95 ${r.lag.p95LagMinutes})`,
  ].join('\n');
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
