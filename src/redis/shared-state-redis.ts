import { Redis } from 'ioredis';

/**
 * The connection for the state that server processes share (web chat inboxes, chat locks, rate limits,
 * leases), apart from BullMQ's so that neither waits behind the other. Auto-pipelining sends the commands
 * of one event-loop turn in one write: a burst of web chat messages costs a few round trips, not one each.
 * One retry and a command timeout: a Redis that stops answering fails the call within a second or two, and
 * each caller decides what that means (chat locks go on in-process, a poll answers with an error).
 */
export function createSharedStateRedis(url: string): Redis {
  const redis = new Redis(url, {
    enableAutoPipelining: true,
    maxRetriesPerRequest: 1,
    commandTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  redis.on('error', () => {});
  return redis;
}
