import { JAKARTA_OFFSET_MS, minuteOfDay } from '../shared/jakarta-time.js';

/**
 * Opening-hours arithmetic in WIB, pure: no I/O, no clock of its own. Jakarta has no daylight saving (UTC+7
 * all year), so a day is always 24 hours and a fixed offset is exact; months and years need nothing
 * special, because everything is counted in instants.
 */
export interface OpeningHours {
  /** Minutes since midnight WIB. `close <= open` means the shop closes after midnight; `close == open`, open all day. */
  open: number;
  close: number;
  /** Times the shop is closed on top of its daily hours (a holiday, "tutup sampai besok"), as [from, until) ms. */
  closures: readonly { from: number; until: number }[];
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** A shop closed longer than this is treated as open for deadlines, so that no hold waits forever. */
const HORIZON_DAYS = 400;

export interface ShopHoursFields {
  opens_at: string | null;
  closes_at: string | null;
  closed_from: string | null;
  closed_until: string | null;
}

/** A shop's hours from its row: its own times, else the default (the setting shop_hours_default). */
export function hoursOf(shop: ShopHoursFields, fallback: { open: string; close: string }): OpeningHours {
  const closures =
    shop.closed_from && shop.closed_until
      ? [{ from: Date.parse(shop.closed_from), until: Date.parse(shop.closed_until) }]
      : [];
  return {
    open: minuteOfDay(shop.opens_at ?? fallback.open),
    close: minuteOfDay(shop.closes_at ?? fallback.close),
    closures,
  };
}

/** Jakarta's day number of an instant (days since 1970-01-01 WIB). */
const dayOf = (ms: number) => Math.floor((ms + JAKARTA_OFFSET_MS) / DAY);

/** The open stretches of time from the day before `from`'s day on, in order, closures cut out. */
function* openStretches(h: OpeningHours, from: number): Generator<[number, number]> {
  const length = (((h.close - h.open) % 1440) + 1440) % 1440 || 1440;
  const closures = [...h.closures].filter((c) => c.until > c.from).sort((a, b) => a.from - b.from);
  for (let d = dayOf(from) - 1, n = 0; n < HORIZON_DAYS; d++, n++) {
    let start = d * DAY - JAKARTA_OFFSET_MS + h.open * MINUTE;
    const end = start + length * MINUTE;
    for (const c of closures) {
      if (c.until <= start || c.from >= end) continue;
      if (c.from > start) yield [start, c.from];
      start = Math.max(start, c.until);
      if (start >= end) break;
    }
    if (start < end) yield [start, end];
  }
}

/** Whether the shop is within its hours (and not in a closure) at this instant. */
export function isOpenAt(h: OpeningHours, at: Date): boolean {
  const t = at.getTime();
  for (const [s, e] of openStretches(h, t)) {
    if (s > t) return false;
    if (t < e) return true;
  }
  return false;
}

/** The first instant at or after `at` when the shop is open (`at` itself when it is open). */
export function nextOpening(h: OpeningHours, at: Date): Date {
  const t = at.getTime();
  for (const [s, e] of openStretches(h, t)) if (e > t) return new Date(Math.max(s, t));
  return at;
}

/**
 * The instant after `minutes` of the shop's open time have passed from `at`: an order placed at 20:50 with
 * 30 minutes to answer, at a shop open 06:00–21:00, is due at 06:20 next morning. A shop closed for more
 * than a year is counted as open, so that a deadline always exists.
 */
export function addOpenMinutes(h: OpeningHours, at: Date, minutes: number): Date {
  const t = at.getTime();
  let left = minutes * MINUTE;
  for (const [s, e] of openStretches(h, t)) {
    if (e <= t) continue;
    const begin = Math.max(s, t);
    if (left <= e - begin) return new Date(begin + left);
    left -= e - begin;
  }
  return new Date(t + minutes * MINUTE);
}

/** 'HH:MM' of an instant in WIB. */
export function wibTime(at: Date): string {
  const m = Math.floor((at.getTime() + JAKARTA_OFFSET_MS) / MINUTE) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** The first instant of the WIB day `days` after the one of `at` (0 = today's midnight). */
export function wibMidnight(at: Date, days = 0): Date {
  return new Date((dayOf(at.getTime()) + days) * DAY - JAKARTA_OFFSET_MS);
}
