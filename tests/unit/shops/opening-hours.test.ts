import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addOpenMinutes,
  hoursOf,
  isOpenAt,
  nextOpening,
  wibMidnight,
  wibTime,
  type OpeningHours,
} from '../../../src/shops/opening-hours.js';

const DEFAULT = { open: '06:00', close: '21:00' };
const plain = (open = '06:00', close = '21:00'): OpeningHours =>
  hoursOf({ opens_at: open, closes_at: close, closed_from: null, closed_until: null }, DEFAULT);
// WIB wall-clock times written as UTC+7 instants, so the tests read like the shopkeeper's day.
const wib = (s: string) => new Date(`${s}+07:00`);

/** Open minutes between two instants, counted minute by minute: the slow, obvious answer. */
function openMinutesBetween(h: OpeningHours, from: Date, to: Date): number {
  let n = 0;
  for (let t = from.getTime(); t < to.getTime(); t += 60_000) if (isOpenAt(h, new Date(t))) n++;
  return n;
}

describe('opening hours (WIB)', () => {
  it('counts a reminder inside the day as plain minutes', () => {
    expect(addOpenMinutes(plain(), wib('2026-11-10T10:00:00'), 30)).toEqual(wib('2026-11-10T10:30:00'));
  });

  it('moves an order placed just before closing into the next morning', () => {
    expect(addOpenMinutes(plain(), wib('2026-11-10T20:50:00'), 30)).toEqual(wib('2026-11-11T06:20:00'));
    expect(addOpenMinutes(plain(), wib('2026-11-10T20:50:00'), 120)).toEqual(wib('2026-11-11T07:50:00'));
  });

  it('starts the clock of a night order at the opening', () => {
    expect(addOpenMinutes(plain(), wib('2026-11-10T23:30:00'), 30)).toEqual(wib('2026-11-11T06:30:00'));
    expect(addOpenMinutes(plain(), wib('2026-11-11T02:00:00'), 30)).toEqual(wib('2026-11-11T06:30:00'));
    expect(nextOpening(plain(), wib('2026-11-10T23:30:00'))).toEqual(wib('2026-11-11T06:00:00'));
    expect(nextOpening(plain(), wib('2026-11-10T12:00:00'))).toEqual(wib('2026-11-10T12:00:00'));
  });

  it('crosses a month and a year boundary', () => {
    expect(addOpenMinutes(plain(), wib('2026-11-30T20:30:00'), 60)).toEqual(wib('2026-12-01T06:30:00'));
    expect(addOpenMinutes(plain(), wib('2026-12-31T20:45:00'), 30)).toEqual(wib('2027-01-01T06:15:00'));
    // 2028 is a leap year: a whole 29 February of open time lies between.
    expect(addOpenMinutes(plain(), wib('2028-02-28T20:00:00'), 15 * 60 + 61)).toEqual(wib('2028-03-01T06:01:00'));
  });

  it('skips a holiday (libur) and a closure until tomorrow', () => {
    const libur = {
      ...plain(),
      closures: [{ from: wib('2026-11-17T00:00:00').getTime(), until: wib('2026-11-18T00:00:00').getTime() }],
    };
    expect(addOpenMinutes(libur, wib('2026-11-16T20:50:00'), 30)).toEqual(wib('2026-11-18T06:20:00'));
    expect(isOpenAt(libur, wib('2026-11-17T10:00:00'))).toBe(false);
    expect(nextOpening(libur, wib('2026-11-17T10:00:00'))).toEqual(wib('2026-11-18T06:00:00'));
    // Closed from 14:00 for the rest of the day: 13:50 + 30 open minutes is 06:20 next day.
    const afternoon = {
      ...plain(),
      closures: [{ from: wib('2026-11-10T14:00:00').getTime(), until: wib('2026-11-11T06:00:00').getTime() }],
    };
    expect(addOpenMinutes(afternoon, wib('2026-11-10T13:50:00'), 30)).toEqual(wib('2026-11-11T06:20:00'));
  });

  it('handles hours past midnight and shops open all day', () => {
    const night = plain('18:00', '02:00');
    expect(isOpenAt(night, wib('2026-11-10T01:00:00'))).toBe(true);
    expect(isOpenAt(night, wib('2026-11-10T03:00:00'))).toBe(false);
    expect(addOpenMinutes(night, wib('2026-11-10T01:30:00'), 60)).toEqual(wib('2026-11-10T18:30:00'));
    expect(addOpenMinutes(plain('00:00', '00:00'), wib('2026-11-10T23:50:00'), 30)).toEqual(wib('2026-11-11T00:20:00'));
  });

  it('gives a deadline even for a shop closed for more than a year', () => {
    const closed = { ...plain(), closures: [{ from: 0, until: wib('2030-01-01T00:00:00').getTime() }] };
    expect(addOpenMinutes(closed, wib('2026-11-10T10:00:00'), 30)).toEqual(wib('2026-11-10T10:30:00'));
  });

  it('reads WIB times and midnights', () => {
    expect(wibTime(wib('2026-11-10T06:05:00'))).toBe('06:05');
    expect(wibMidnight(wib('2026-11-30T23:00:00'), 1)).toEqual(wib('2026-12-01T00:00:00'));
  });

  it('always lands after exactly N open minutes (property, against a minute-by-minute count)', () => {
    const hhmm = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(
        hhmm,
        hhmm,
        fc.integer({ min: 0, max: 60 * 24 * 40 }),
        fc.integer({ min: 1, max: 600 }),
        fc.option(fc.tuple(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 3000 }))),
        (open, close, offsetMin, minutes, closure) => {
          const at = new Date(wib('2026-11-20T00:00:00').getTime() + offsetMin * 60_000);
          const h: OpeningHours = {
            ...plain(open, close),
            closures: closure
              ? [{ from: at.getTime() + closure[0] * 60_000, until: at.getTime() + (closure[0] + closure[1]) * 60_000 }]
              : [],
          };
          const due = addOpenMinutes(h, at, minutes);
          expect(openMinutesBetween(h, at, due)).toBe(minutes);
          // It lands on an open minute's end: the minute before the deadline was open.
          expect(isOpenAt(h, new Date(due.getTime() - 60_000))).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});
