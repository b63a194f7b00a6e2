/** Quiet hours in WIB (UTC+7, no DST): a window of minutes of the day that may wrap midnight (21:00–06:00). */
export interface QuietHours {
  start: string;
  end: string;
}

import { jakartaMinuteOfDay, minuteOfDay as minutes } from '../shared/jakarta-time.js';

const DAY_MIN = 24 * 60;

export function isQuiet(at: Date, q: QuietHours): boolean {
  const s = minutes(q.start);
  const e = minutes(q.end);
  if (s === e) return false; // an empty window: no quiet hours
  const m = jakartaMinuteOfDay(at);
  return s < e ? m >= s && m < e : m >= s || m < e;
}

/** When the quiet window that contains `at` ends (or `at` itself when it is not quiet). */
export function quietEndsAt(at: Date, q: QuietHours): Date {
  if (!isQuiet(at, q)) return at;
  const m = jakartaMinuteOfDay(at);
  const wait = (minutes(q.end) - m + DAY_MIN) % DAY_MIN;
  const startOfMinute = Math.floor(at.getTime() / 60_000) * 60_000;
  return new Date(startOfMinute + wait * 60_000);
}
