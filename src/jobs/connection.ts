import { Redis } from 'ioredis';

/**
 * A Redis connection for BullMQ. Workers block on Redis, so retries per request must be unlimited
 * (BullMQ requires `maxRetriesPerRequest: null`); producers get a short offline queue instead, so that
 * adding a job fails fast while Redis is down and the outbox keeps it.
 */
export function createRedis(url: string, role: 'worker' | 'producer'): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    enableOfflineQueue: role === 'worker',
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  // Connection errors surface through the calls that fail; an unhandled 'error' event would crash.
  redis.on('error', () => {});
  return redis;
}
