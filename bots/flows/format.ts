import type { OrderReadService } from '../../src/orders/order-reads.service.js';

/** `▓▓▓▓░░░░░░ 40%`: readable on every phone, no images. */
export function progressBar(percent: number): string {
  const p = Math.max(0, Math.min(100, Math.floor(percent)));
  const full = Math.round(p / 10);
  return `${'▓'.repeat(full)}${'░'.repeat(10 - full)} ${p}%`;
}

export function percentOf(part: number, whole: number): number {
  return whole <= 0 ? 100 : Math.floor((part * 100) / whole);
}

/** An order's lines as the order notices write them. */
export async function orderLinesText(orders: Pick<OrderReadService, 'items'>, orderId: string): Promise<string> {
  const items = await orders.items(orderId);
  return items.map((i) => `${i.quantity} × ${i.name}${i.unit ? ` (${i.unit})` : ''}`).join('\n');
}

/** `kind:arg` option values; the arg may itself contain colons. */
export function splitValue(value: string): [kind: string, arg: string] {
  const i = value.indexOf(':');
  return i < 0 ? [value, ''] : [value.slice(0, i), value.slice(i + 1)];
}

/** A positive integer id from an option value, or null for anything forged or malformed. */
export function intArg(arg: string): number | null {
  if (!/^\d{1,12}$/.test(arg)) return null;
  const n = Number(arg);
  return n > 0 && Number.isSafeInteger(n) ? n : null;
}

/** `2026-12` as people say it: "Desember 2026" (Indonesian), "December 2026" (English). */
export function monthName(period: string, language: 'id' | 'en'): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m) return period;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 15));
  return new Intl.DateTimeFormat(language === 'id' ? 'id-ID' : 'en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}
