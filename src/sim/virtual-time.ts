import { ScaledClock, type Clock } from '../shared/clock.js';

/**
 * The simulation's shared notion of time. Every process of one run (the simulation itself and each worker
 * process) builds the same ScaledClock from these three numbers, so they all agree on the virtual "now"
 * without talking to each other.
 */
export interface VirtualTime {
  /** The virtual instant at wallStart (ms since the epoch). */
  start: number;
  /** Virtual milliseconds per real millisecond. */
  scale: number;
  /** The real instant (Date.now()) at which the virtual clock read `start`. */
  wallStart: number;
}

export function clockOf(t: VirtualTime): Clock {
  return new ScaledClock(new Date(t.start), t.scale, t.wallStart);
}

/** Real milliseconds until the virtual clock reads `virtualMs` (negative when it is past). */
export function realDelayUntil(t: VirtualTime, virtualMs: number): number {
  return t.wallStart + (virtualMs - t.start) / t.scale - Date.now();
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
