/** Wall-clock time in Asia/Jakarta (WIB). Jakarta has no DST: UTC+7 all year, so a fixed offset is exact. */
export const JAKARTA_OFFSET_MS = 7 * 3_600_000;

const DAY_MIN = 24 * 60;

/** The instant shifted so that its UTC fields read Jakarta's wall clock. */
export function jakartaWallClock(at: Date): Date {
  return new Date(at.getTime() + JAKARTA_OFFSET_MS);
}

/** Minutes since midnight in Jakarta. */
export function jakartaMinuteOfDay(at: Date): number {
  return Math.floor((at.getTime() + JAKARTA_OFFSET_MS) / 60_000) % DAY_MIN;
}

/** Jakarta's calendar date ('YYYY-MM-DD') and day of the month. */
export function jakartaDate(at: Date): { date: string; day: number } {
  const local = jakartaWallClock(at);
  return { date: local.toISOString().slice(0, 10), day: local.getUTCDate() };
}

/** 'HH:MM' (a validated setting) as minutes since midnight. */
export function minuteOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}
