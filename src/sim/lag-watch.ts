/**
 * Whether a run keeps up with its clock. The clock cannot wait (see README, "Limits"): a run that falls
 * behind only falls further, so its month is meaningless and it should stop rather than run on for half an
 * hour. The faults make single notices late on purpose (a killed worker's jobs wait for its lock, a Redis
 * restart loses jobs until the sweeper's grace), so one late sample says nothing: the run has fallen behind
 * when the median of the recent samples stays above the limit for a sustained (real) time. Windows and
 * grace are real time because the faults' disturbances are: a second or two of Redis down is an hour of
 * virtual time at one scale and a few minutes at another.
 */
export interface LagWatchOptions {
  /** Lateness (virtual ms) above which a window's median counts as behind. */
  limitMs: number;
  /** Real ms of samples the median is taken over. */
  windowMs: number;
  /** Real ms the median must stay above the limit before the run counts as fallen behind. */
  graceMs: number;
  /** With fewer samples in the window the previous verdict stands (a stalled pipeline sends none). */
  minSamples: number;
}

export interface LagVerdict {
  /** Median lateness (virtual ms) of the last window that had enough samples; null before any. */
  medianMs: number | null;
  /** Real ms the median has been above the limit without a break (0 while it is not). */
  behindForMs: number;
  fellBehind: boolean;
}

/** One stream of lateness samples (virtual ms), each stamped with the real time it was taken. */
export function createLagWatch(o: LagWatchOptions) {
  const at: number[] = [];
  const lag: number[] = [];
  let head = 0;
  let behindSince: number | null = null;
  let median: number | null = null;

  function prune(now: number): void {
    while (head < at.length && at[head]! <= now - o.windowMs) head++;
    // Drop the consumed front now and then, so a month of samples does not stay in memory.
    if (head > 4096 && head * 2 > at.length) {
      at.splice(0, head);
      lag.splice(0, head);
      head = 0;
    }
  }

  return {
    add(realAt: number, lagMs: number): void {
      at.push(realAt);
      lag.push(Math.max(0, lagMs));
    },
    check(now: number): LagVerdict {
      prune(now);
      if (at.length - head >= o.minSamples) {
        const sorted = lag.slice(head).sort((a, b) => a - b);
        median = sorted[Math.floor(sorted.length / 2)]!;
        if (median > o.limitMs) behindSince ??= now;
        else behindSince = null;
      }
      const behindForMs = behindSince === null ? 0 : now - behindSince;
      return { medianMs: median, behindForMs, fellBehind: behindForMs >= o.graceMs };
    },
  };
}
export type LagWatch = ReturnType<typeof createLagWatch>;

export interface FellBehind {
  /** Median lateness (virtual ms) of `order.new` notices reaching the shop agents after the order was reserved. */
  noticeMedianMs: number | null;
  /** Median lateness (virtual ms) of the agents' actions past their planned instant. */
  agentMedianMs: number | null;
  behindForMs: number;
}

/**
 * The two signals of a run falling behind: new-order notices reaching shopkeepers late (the pipeline:
 * reservation, outbox, notify workers, chat) and the agents acting late (this process: the engine and the
 * event loop). Either one late for the grace stops the run; both are watched because a busy simulation
 * process shows in the second first, busy worker processes in the first.
 */
export function createKeepUpWatch(p: { limitMs: number; graceMs: number; windowMs?: number; minSamples?: number }) {
  const options: LagWatchOptions = {
    limitMs: p.limitMs,
    graceMs: p.graceMs,
    windowMs: p.windowMs ?? 10_000,
    minSamples: p.minSamples ?? 5,
  };
  const notices = createLagWatch(options);
  const agents = createLagWatch(options);
  return {
    notice: (realAt: number, lagMs: number) => notices.add(realAt, lagMs),
    agent: (realAt: number, lagMs: number) => agents.add(realAt, lagMs),
    /** Null while the run keeps up; the figures once it has fallen behind. */
    check(now: number): FellBehind | null {
      const n = notices.check(now);
      const a = agents.check(now);
      if (!n.fellBehind && !a.fellBehind) return null;
      return {
        noticeMedianMs: n.medianMs,
        agentMedianMs: a.medianMs,
        behindForMs: Math.max(n.behindForMs, a.behindForMs),
      };
    },
  };
}
export type KeepUpWatch = ReturnType<typeof createKeepUpWatch>;
