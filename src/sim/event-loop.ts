import { realDelayUntil, type VirtualTime } from './virtual-time.js';

type Task = () => Promise<void>;
interface Event {
  at: number;
  seq: number;
  task: Task;
}

export interface LagStats {
  events: number;
  /** How late (virtual ms) events started, past their planned instant. */
  maxLagMs: number;
  p95LagMs: number;
  errors: number;
}

/**
 * A discrete-event loop on the shared virtual clock. Events run when the clock reaches their instant, up
 * to `concurrency` at once (agents wait on the pipeline, not on each other). The clock never waits for the
 * loop: when the loop falls behind, events start late, which the lag statistics show; the scale is chosen
 * up front so that this stays small (see choose-scale.ts).
 */
export function createEventLoop(deps: {
  time: VirtualTime;
  concurrency: number;
  onError: (error: unknown) => void;
  onLag?: (lagMs: number) => void;
}) {
  const heap: Event[] = [];
  let seq = 0;
  let inFlight = 0;
  let wake: (() => void) | null = null;
  const lags: number[] = [];
  let maxLag = 0;
  let errors = 0;
  let started = 0;

  const less = (a: Event, b: Event) => a.at < b.at || (a.at === b.at && a.seq < b.seq);
  function push(e: Event): void {
    heap.push(e);
    let i = heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(heap[i]!, heap[p]!)) break;
      [heap[i], heap[p]] = [heap[p]!, heap[i]!];
      i = p;
    }
  }
  function pop(): Event {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top;
  }
  const poke = () => {
    const w = wake;
    wake = null;
    w?.();
  };

  function start(e: Event, now: number): void {
    const lag = Math.max(0, now - e.at);
    maxLag = Math.max(maxLag, lag);
    // A reservoir of every 16th lag is enough for a percentile.
    if (started++ % 16 === 0) lags.push(lag);
    deps.onLag?.(lag);
    inFlight++;
    e.task()
      .catch((error: unknown) => {
        errors++;
        deps.onError(error);
      })
      .finally(() => {
        inFlight--;
        poke();
      });
  }

  return {
    /** Plans a task at a virtual instant (ms since the epoch). */
    at(virtualMs: number, task: Task): void {
      push({ at: virtualMs, seq: seq++, task });
      poke();
    },
    get pending(): number {
      return heap.length + inFlight;
    },
    /**
     * Runs until `until()` says stop. An empty loop keeps waiting: notices arriving from the chat API
     * plan new events.
     */
    async run(until: () => boolean): Promise<void> {
      while (!until()) {
        const now = deps.time.start + (Date.now() - deps.time.wallStart) * deps.time.scale;
        while (heap.length > 0 && heap[0]!.at <= now && inFlight < deps.concurrency) start(pop(), now);
        const waitMs =
          heap.length > 0 && inFlight < deps.concurrency ? Math.max(0, realDelayUntil(deps.time, heap[0]!.at)) : 50;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(waitMs, 50));
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    },
    /** Waits (at most `timeoutMs`) for the tasks already started to finish, once `run()` has returned. */
    async settle(timeoutMs: number): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    },
    stats(): LagStats {
      const sorted = [...lags].sort((a, b) => a - b);
      return { events: seq, maxLagMs: maxLag, p95LagMs: sorted[Math.floor(sorted.length * 0.95)] ?? 0, errors };
    },
  };
}
export type EventLoop = ReturnType<typeof createEventLoop>;
