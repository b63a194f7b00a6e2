/**
 * Admission for one class of routes (the web chat's engine work), so that a flood of it cannot take the event
 * loop from /healthz and the dashboard (issue 19, item 6).
 *
 * Why it is needed: the engine's SQLite calls are synchronous, so a message runs from its first await to its
 * reply without giving the loop back. With 200 pages sending at once, every request that arrived in one turn
 * of the loop ran before the next turn, and a health probe waited for all of them (seconds). Here at most
 * `concurrency` requests of the class run at once, and a waiting request is let in from `setImmediate`, at
 * most one per turn of the loop: between two messages the loop reads sockets, so a probe waits for about one
 * message, not for every message in flight. Past `maxWaiting`, a request is refused at once (the caller answers
 * 503 with Retry-After): nothing of it was read or stored, and the page sends it again.
 *
 * A request let in may also give the loop back in its middle (`pass`): before the engine runs, and before its
 * reply is written. It goes on at a later turn, ahead of the requests still waiting to be let in, and still
 * one step per turn: a probe then waits for a third of a message, not a whole one.
 */
export interface IntakeGate {
  /**
   * A place in the line: resolves with the release (call it once, when the request is done) when the request
   * may go on, or with null when it was dropped while waiting (`signal` aborted: its client left). Returns null
   * at once when the line is full.
   */
  enter(signal?: AbortSignal): Promise<(() => void) | null> | null;
  /**
   * For a request that was let in: resolves at a later turn of the loop, before any request still waiting is
   * let in, and at most one step (a resumed request or a new one) per turn.
   */
  pass(): Promise<void>;
  /** Running and waiting now (logs and tests). */
  load(): { running: number; waiting: number };
}

export interface IntakeGateOptions {
  /** How many run at once (the engine yields only at real I/O: more would only interleave synchronous work). */
  concurrency?: number;
  /** How many may wait; one more is refused. */
  maxWaiting?: number;
}

interface Waiter {
  admit: (release: (() => void) | null) => void;
  signal?: AbortSignal;
}

export function createIntakeGate(p: IntakeGateOptions = {}): IntakeGate {
  const concurrency = Math.max(1, p.concurrency ?? 2);
  const maxWaiting = Math.max(0, p.maxWaiting ?? 1000);
  // A plain array: shift() on a line of at most maxWaiting is cheap next to one message.
  const line: Waiter[] = [];
  // Requests let in that gave the loop back (pass): they go on before anyone new is let in.
  const passed: Array<() => void> = [];
  let running = 0;
  let pumping = false;

  const waiting = () => line.length;

  // One step per turn of the loop: setImmediate runs after the poll phase, so every socket that became
  // readable meanwhile (a health probe, a dashboard page) is served before the next step starts.
  function schedule(): void {
    if (pumping || (passed.length === 0 && (running >= concurrency || waiting() === 0))) return;
    pumping = true;
    setImmediate(pump);
  }

  function pump(): void {
    pumping = false;
    const resume = passed.shift();
    if (resume) {
      resume();
      schedule();
      return;
    }
    while (waiting() > 0 && running < concurrency) {
      const next = line.shift()!;
      if (next.signal?.aborted) {
        next.admit(null);
        continue;
      }
      running++;
      let released = false;
      next.admit(() => {
        if (released) return;
        released = true;
        running--;
        schedule();
      });
      break;
    }
    schedule();
  }

  return {
    enter(signal) {
      if (running + waiting() >= concurrency + maxWaiting) return null;
      return new Promise((admit) => {
        line.push({ admit, signal });
        schedule();
      });
    },
    pass() {
      return new Promise((resume) => {
        passed.push(resume);
        schedule();
      });
    },
    load: () => ({ running, waiting: waiting() }),
  };
}
