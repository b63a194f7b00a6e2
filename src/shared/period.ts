/** A calendar month in Asia/Jakarta, keyed 'YYYY-MM'. Jakarta has no DST: UTC+7 all year. */
export type Period = string;

import { JAKARTA_OFFSET_MS, jakartaWallClock } from './jakarta-time.js';

export function periodOf(at: Date): Period {
  const local = jakartaWallClock(at);
  return `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function isPeriod(value: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

/** The first instant of the period, as a UTC Date. */
export function periodStart(period: Period): Date {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, 1) - JAKARTA_OFFSET_MS);
}

/** The first instant of the next period. */
export function periodEnd(period: Period): Date {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1) - JAKARTA_OFFSET_MS);
}

/** Whole days left in the period, counting today (Jakarta). */
export function daysLeft(at: Date, period: Period = periodOf(at)): number {
  return Math.max(0, Math.ceil((periodEnd(period).getTime() - at.getTime()) / 86_400_000));
}
