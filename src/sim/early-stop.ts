import type { FellBehind } from './lag-watch.js';
import { round } from './report.js';
import { MINUTE } from './virtual-time.js';

/** Why and when a run stopped before the end of its month: `stoppedEarly` in the report. */
export interface EarlyStop {
  /** The run that stopped (with the comparison on, the second run can stop after the first completed). */
  listing: string;
  /** Virtual day of the month (1 = the 1st) on which the run stopped. */
  day: number;
  reason: string;
  /** Median lateness (virtual minutes) of new-order notices and of agents' actions when it stopped. */
  noticeLagMinutes: number | null;
  agentLagMinutes: number | null;
  limitMinutes: number;
  /** Real seconds the lateness had stayed above the limit. */
  behindSeconds: number;
}

const minutes = (ms: number | null) => (ms === null ? null : round(ms / MINUTE, 1));
const late = (x: number | null) => (x === null ? 'no figure' : `a median ${x} virtual min late`);

export function earlyStop(
  b: FellBehind,
  p: { listing: string; day: number; limitMinutes: number; scale: number },
): EarlyStop {
  const noticeLagMinutes = minutes(b.noticeMedianMs);
  const agentLagMinutes = minutes(b.agentMedianMs);
  const behindSeconds = round(b.behindForMs / 1000, 1);
  return {
    listing: p.listing,
    day: p.day,
    reason:
      `fell behind the clock at ×${p.scale}: new-order notices reached shops ${late(noticeLagMinutes)} after the reservation, ` +
      `agents acted ${late(agentLagMinutes)}; above ${p.limitMinutes} min for ${behindSeconds} s`,
    noticeLagMinutes,
    agentLagMinutes,
    limitMinutes: p.limitMinutes,
    behindSeconds,
  };
}

/** The one line the operator reads: what happened, and what to do about it. */
export function earlyStopLine(s: EarlyStop): string {
  return (
    `STOPPED EARLY (${s.listing} listing): the run ${s.reason}, on virtual day ${s.day}. ` +
    'Its figures are not a month of the city: run it again with a smaller --scale or on a quiet machine ' +
    '(--no-stop-on-lag runs to the end regardless).'
  );
}
