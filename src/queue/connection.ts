import { Redis, type RedisOptions } from 'ioredis';

/**
 * Our connections send the commands issued in one turn of the event loop to Redis in one write
 * (auto-pipelining): a reserve batch completes up to 64 jobs at once, and the outbox adds a batch of jobs,
 * so one write and one read replace dozens. BullMQ duplicates the connection it is given for its blocking
 * reads (the worker's BZPOPMIN connection, QueueEvents' XREAD): a duplicate carries only that one blocking
 * command at a time, so it gains nothing from pipelining and is kept plain.
 */
class PipelinedRedis extends Redis {
  override duplicate(override?: Partial<RedisOptions>): Redis {
    return super.duplicate({ enableAutoPipelining: false, ...override });
  }
}

/**
 * A Redis connection for BullMQ. Workers block on Redis, so retries per request must be unlimited
 * (BullMQ requires `maxRetriesPerRequest: null`); producers get a short offline queue instead, so that
 * adding a job fails fast while Redis is down and the outbox keeps it.
 */
export function createRedis(url: string, role: 'worker' | 'producer'): Redis {
  const redis = new PipelinedRedis(url, {
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    enableOfflineQueue: role === 'worker',
    enableAutoPipelining: true,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  // Connection errors surface through the calls that fail; an unhandled 'error' event would crash.
  redis.on('error', () => {});
  return redis;
}
