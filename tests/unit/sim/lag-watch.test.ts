import { describe, expect, it } from 'vitest';
import { createKeepUpWatch, createLagWatch } from '../../../src/sim/lag-watch.js';

const MIN = 60_000;
const LIMIT = 15 * MIN;
const GRACE = 30_000;
/** Real ms between two samples at 20 a second. */
const step20 = 1000 / 20;

/**
 * A synthetic run: `rate` samples per real second from 0 to `seconds`, each as late as `notice(t)` and
 * `agent(t)` say (null: none taken then), checked every half second as run-simulation.ts does. Returns
 * the first real ms at which the watch said the run fell behind, or null.
 */
function play(p: {
  seconds: number;
  rate: number;
  notice: (t: number) => number | null;
  agent: (t: number) => number | null;
}) {
  const watch = createKeepUpWatch({ limitMs: LIMIT, graceMs: GRACE });
  const step = 1000 / p.rate;
  let nextCheck = 500;
  for (let t = 0; t <= p.seconds * 1000; t += step) {
    const n = p.notice(t);
    const a = p.agent(t);
    if (n !== null) watch.notice(t, n);
    if (a !== null) watch.agent(t, a);
    if (t >= nextCheck) {
      nextCheck += 500;
      const behind = watch.check(t);
      if (behind) return { at: t, behind };
    }
  }
  return null;
}

const steady = () => 1 * MIN;
const between = (t: number, from: number, to: number) => t >= from * 1000 && t < to * 1000;

describe('the keep-up watch that stops a run fallen behind its clock', () => {
  it('rides out the injected faults: a Redis restart, worker kills and a failed send late by hours', () => {
    const r = play({
      seconds: 180,
      rate: 20,
      notice: (t) => {
        // Redis down for two seconds: no notice at all, then the lost ones come back after the sweeper's grace.
        if (between(t, 40, 42)) return null;
        if (between(t, 42, 48)) return 90 * MIN;
        // A killed worker: its jobs wait for the lock, the other worker goes on.
        if (between(t, 100, 103)) return Math.floor(t / step20) % 2 === 0 ? 40 * MIN : 1 * MIN;
        // A send that failed and was retried is late by its backoff, one notice in twenty-five.
        return Math.floor(t / step20) % 25 === 0 ? 180 * MIN : steady();
      },
      agent: (t) => (between(t, 42, 45) ? 20 * MIN : 0.5 * MIN),
    });
    expect(r).toBeNull();
  });

  it('sees the spike it rides out: the median is above the limit for a few seconds, under the grace', () => {
    const w = createLagWatch({ limitMs: LIMIT, windowMs: 10_000, graceMs: GRACE, minSamples: 5 });
    let longest = 0;
    for (let t = 0; t < 60_000; t += 50) {
      w.add(t, between(t, 20, 26) ? 90 * MIN : 1 * MIN);
      if (t % 500 === 0) longest = Math.max(longest, w.check(t).behindForMs);
    }
    expect(longest).toBeGreaterThan(0);
    expect(longest).toBeLessThan(GRACE);
    expect(w.check(60_000)).toMatchObject({ fellBehind: false, behindForMs: 0, medianMs: 1 * MIN });
  });

  it('stops a run whose notices stay late: after the grace, with the median lateness', () => {
    const r = play({
      seconds: 300,
      rate: 20,
      notice: (t) => (t < 60_000 ? 1 * MIN : 40 * MIN),
      agent: () => 0.5 * MIN,
    });
    expect(r).not.toBeNull();
    // Behind from about 65 s (half the window late), stopped a grace later, not before.
    expect(r!.at).toBeGreaterThanOrEqual(60_000 + GRACE);
    expect(r!.at).toBeLessThan(60_000 + GRACE + 10_000);
    expect(r!.behind.noticeMedianMs).toBe(40 * MIN);
    expect(r!.behind.agentMedianMs).toBe(0.5 * MIN);
    expect(r!.behind.behindForMs).toBeGreaterThanOrEqual(GRACE);
  });

  it('stops a run whose agents act late even while notices are on time', () => {
    const r = play({ seconds: 300, rate: 20, notice: steady, agent: (t) => (t < 100_000 ? 0 : 25 * MIN) });
    expect(r?.at).toBeGreaterThanOrEqual(100_000 + GRACE);
    expect(r?.behind.agentMedianMs).toBe(25 * MIN);
  });

  it('keeps counting when a late pipeline then sends nothing at all', () => {
    // Late from 30 s, and from 40 s no notice arrives: the verdict of the last full window stands.
    const r = play({
      seconds: 200,
      rate: 20,
      notice: (t) => (t < 30_000 ? 1 * MIN : t < 40_000 ? 60 * MIN : null),
      agent: () => null,
    });
    expect(r?.at).toBeLessThan(30_000 + GRACE + 10_000);
  });

  it('takes a handful of late samples for no verdict: fewer than five in the window say nothing', () => {
    // One notice every three seconds, each two hours late: a window never holds five.
    const r = play({ seconds: 300, rate: 20, notice: (t) => (t % 3000 === 0 ? 120 * MIN : null), agent: () => null });
    expect(r).toBeNull();
  });
});
