import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';

// Compare-and-act scripts: a holder whose lease ran out (a long GC pause, a partition) must never delete or
// extend the lease another process took since.
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;

/** A key held by this process until released or until its time runs out without renewal. */
export interface Lease {
  readonly key: string;
  /** Who holds it: host, pid and a random part, so that a refusal can name the other process. */
  readonly holder: string;
  /** Gives the key up at once (a no-op when it is no longer ours). */
  release(): Promise<void>;
}

/** The holder string of this process: readable in a log line, unique per lease. */
const leaseHolder = (): string => `${hostname()}:${process.pid}:${randomBytes(6).toString('hex')}`;

/**
 * Takes `key` for `ttlMs` when nobody holds it, and keeps it by renewing every third of the time until
 * released; returns null when another holder has it. `onLost` is called when a renewal finds the key gone or
 * taken (Redis restarted without persistence, or this process stalled past the lease).
 */
export async function tryLease(
  redis: Redis,
  key: string,
  ttlMs: number,
  opts: { onLost?: () => void } = {},
): Promise<Lease | null> {
  const holder = leaseHolder();
  const ok = await redis.set(key, holder, 'PX', ttlMs, 'NX');
  if (ok !== 'OK') return null;
  let released = false;
  const timer = setInterval(
    () => {
      void (redis.eval(RENEW, 1, key, holder, String(ttlMs)) as Promise<number>).then(
        (kept) => {
          if (kept === 0 && !released) {
            released = true;
            clearInterval(timer);
            opts.onLost?.();
          }
        },
        // A failed renewal is tried again at the next tick; the lease has two more ticks before it runs out.
        () => {},
      );
    },
    Math.max(10, Math.floor(ttlMs / 3)),
  );
  timer.unref();
  return {
    key,
    holder,
    async release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      await redis.eval(RELEASE, 1, key, holder);
    },
  };
}
