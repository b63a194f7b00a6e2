/** What one counted attempt gives: go on, or wait this long (what Retry-After says). */
export type RateDecision = { ok: true } | { ok: false; retryAfterMs: number };

/**
 * A fixed-window counter per key (a client address). The port: in memory for one process (below), in Redis
 * when several server processes must count together (src/redis/redis-rate-limiter.ts).
 */
export interface RateLimiter {
  /** Counts one attempt on `key`; refused when the key is over its limit for the current window. */
  take(key: string, nowMs: number): Promise<RateDecision>;
}

/** The limit of a named limiter; the composition decides where it counts (RateLimiterFactory). */
export interface RateLimit {
  max: number;
  windowMs: number;
}

/** Builds the limiter called `name` (part of its Redis keys) for a limit. */
export type RateLimiterFactory = (name: string, limit: RateLimit) => RateLimiter;

/** In this process's memory: with several server processes each would allow the limit on its own. */
export function createRateLimiter(p: RateLimit & { maxKeys?: number }): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  const maxKeys = p.maxKeys ?? 10_000;
  return {
    async take(key, nowMs) {
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
      if (w.count <= p.max) return { ok: true };
      return { ok: false, retryAfterMs: Math.max(0, w.start + p.windowMs - nowMs) };
    },
  };
}

export const memoryRateLimiters: RateLimiterFactory = (_name, limit) => createRateLimiter(limit);
