/**
 * A fixed-window counter per key (a client address). In memory, per process: with several server processes
 * each allows the limit on its own, which is still a hard brake on one address filling a table.
 */
export interface RateLimiter {
  /** Counts one attempt; false when the key is over its limit for the current window. */
  take(key: string, nowMs: number): boolean;
  /** Milliseconds until the key's current window ends (0 when it has none): what Retry-After says. */
  retryAfterMs(key: string, nowMs: number): number;
}

export function createRateLimiter(p: { max: number; windowMs: number; maxKeys?: number }): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  const maxKeys = p.maxKeys ?? 10_000;
  return {
    take(key, nowMs) {
      let w = windows.get(key);
      if (!w || nowMs - w.start >= p.windowMs) {
        // Bounded memory: when full, forget windows that have ended (and all, if none has).
        if (!w && windows.size >= maxKeys) {
          for (const [k, v] of windows) if (nowMs - v.start >= p.windowMs) windows.delete(k);
          if (windows.size >= maxKeys) windows.clear();
        }
        w = { start: nowMs, count: 0 };
        windows.set(key, w);
      }
      w.count++;
      return w.count <= p.max;
    },
    retryAfterMs(key, nowMs) {
      const w = windows.get(key);
      return w ? Math.max(0, w.start + p.windowMs - nowMs) : 0;
    },
  };
}
