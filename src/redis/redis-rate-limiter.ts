import type { Redis } from 'ioredis';
import { createRateLimiter, type RateLimiter, type RateLimiterFactory } from '../shared/rate-limit.js';
import type { Logger } from '../shared/logger.js';

// The window starts with the key's first attempt and ends when the key expires: Redis's clock, not a
// process's, so that processes whose clocks differ count in one window.
const TAKE = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {n, ttl}`;

type CountingRedis = Redis & { rateTake(key: string, windowMs: number): Promise<[number, number]> };

export const rateLimitKey = (prefix: string, name: string, key: string): string => `${prefix}:rate:${name}:${key}`;

/**
 * Rate limiters counting in Redis under the deployment's prefix: an address gets the limit once across all
 * server processes, not once per process. One round trip per attempt. While Redis does not answer, the
 * attempt is counted in this process's memory instead (said once in the log): a brake per process is better
 * than refusing everyone or letting everyone through.
 */
export function redisRateLimiters(p: { redis: Redis; prefix: string; logger: Logger }): RateLimiterFactory {
  if (!(p.redis as unknown as { rateTake?: unknown }).rateTake)
    p.redis.defineCommand('rateTake', { numberOfKeys: 1, lua: TAKE });
  const redis = p.redis as CountingRedis;
  return (name, limit): RateLimiter => {
    const fallback = createRateLimiter(limit);
    let warned = false;
    return {
      async take(key, nowMs) {
        try {
          const [count, ttl] = await redis.rateTake(rateLimitKey(p.prefix, name, key), limit.windowMs);
          warned = false;
          return count <= limit.max ? { ok: true } : { ok: false, retryAfterMs: ttl };
        } catch (error) {
          if (!warned)
            p.logger.warn(
              { err: (error as Error).message, limiter: name },
              'rate limit: Redis did not answer; counting in this process until it does',
            );
          warned = true;
          return fallback.take(key, nowMs);
        }
      },
    };
  };
}
