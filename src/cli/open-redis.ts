import { Redis } from 'ioredis';

/**
 * A Redis connection for a CLI command that only reads advice from it (the channel heartbeat), or null when
 * none answers within `timeoutMs`. No retries and no offline queue: a command stuck on a dead Redis would
 * never print. The caller disconnects it, so that the process can exit.
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
