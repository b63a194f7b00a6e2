import { Redis } from 'ioredis';

/**
 * A connection to `url`, or null when no Redis answers within `timeoutMs`: no retries and no offline queue,
 * so that a start-up probe or a CLI command on a dead Redis answers at once instead of hanging. The caller
 * disconnects it, so that the process can exit.
 */
export async function openRedisBriefly(url: string, timeoutMs = 1500): Promise<Redis | null> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  let timer: NodeJS.Timeout | undefined;
  // connectTimeout covers the TCP connect only: a server that accepts and never answers is caught here.
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from Redis within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([client.connect(), late]);
    return client;
  } catch {
    client.disconnect();
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** True when a Redis server answers PING at the URL within the timeout. */
export async function redisAnswers(url: string, timeoutMs = 1000): Promise<boolean> {
  const client = await openRedisBriefly(url, timeoutMs);
  if (!client) return false;
  try {
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}
