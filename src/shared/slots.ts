/**
 * At most `maxRunning` tasks at once and `maxWaiting` in line; one more is refused at once (`busy()`), so
 * that heavy work asked for faster than it runs cannot pile up in memory. `take()` resolves with the
 * slot's release, to call exactly once when the task ends.
 */
export interface Slots {
  take(): Promise<() => void>;
}

export function createSlots(p: { maxRunning: number; maxWaiting: number; busy: () => Error }): Slots {
  let running = 0;
  const waiting: Array<() => void> = [];
  return {
    async take() {
      if (running >= p.maxRunning) {
        if (waiting.length >= p.maxWaiting) throw p.busy();
        // The releasing task hands its slot over: `running` stays as it is.
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else {
        running++;
      }
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const next = waiting.shift();
        if (next) next();
        else running--;
      };
    },
  };
}
