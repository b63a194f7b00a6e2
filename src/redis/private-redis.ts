import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { redisAnswers } from './redis-url.js';

export interface RedisHandle {
  url: string;
  /** Stops the private server if this process started one. */
  stop(): Promise<void>;
  started: boolean;
}

export class RedisUnavailableError extends Error {}

function redisServerOnPath(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Zero-configuration start: use the Redis at `url` if one answers; otherwise, for a local URL and with
 * redis-server installed, start a private one with persistence on (its files under dataDir/redis) so
 * that queued jobs survive restarts; otherwise fail with one line saying how to get Redis.
 */
export async function ensureRedis(props: { url: string; dataDir: string }): Promise<RedisHandle> {
  if (await redisAnswers(props.url)) return { url: props.url, started: false, stop: async () => {} };
  const u = new URL(props.url);
  const local = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(u.hostname);
  if (!local || !redisServerOnPath()) {
    throw new RedisUnavailableError(
      `No Redis answers at ${props.url}: install it (Debian: apt-get install redis-server) or set REDIS_URL to a running Redis.`,
    );
  }
  const dir = join(props.dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const port = u.port || '6379';
  const child: ChildProcess = spawn(
    'redis-server',
    [
      '--port',
      port,
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--save',
      '60 1',
      '--daemonize',
      'no',
    ],
    { stdio: 'ignore' },
  );
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (await redisAnswers(props.url, 300)) {
      return {
        url: props.url,
        started: true,
        stop: () =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      };
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new RedisUnavailableError(
    `Started redis-server on port ${port} but it did not answer; is the port taken? Set REDIS_URL.`,
  );
}
