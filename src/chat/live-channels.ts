import type { ChannelName } from './ports.js';

/**
 * Which chat channels some process runs right now, as the listing needs it: a shop is listed only when one
 * of its contacts has a linked chat on such a channel (issue 14). Read from the channel heartbeat in Redis
 * (src/jobs/channel-heartbeat.ts), at most once per `ttlMs` for the whole process, never per shop or per
 * listing: a stale answer is returned at once and refreshed in the background.
 *
 * `null` means "cannot tell" (Redis did not answer in time): the listing then counts any linked chat, so that
 * an outage of ours does not hide every shop; orders placed meanwhile wait in the outbox as always.
 */
export interface LiveChannels {
  get(): Promise<ReadonlySet<ChannelName> | null>;
}

export const LIVE_CHANNELS_TTL_MS = 5000;
const READ_TIMEOUT_MS = 300;

export function createLiveChannels(p: {
  /** One read of the heartbeat keys (an MGET). */
  read: () => Promise<ReadonlySet<ChannelName>>;
  /** The channels this process itself runs: live whatever Redis says (its own first beat may not be in yet). */
  local: () => readonly ChannelName[];
  ttlMs?: number;
  timeoutMs?: number;
  now?: () => number;
}): LiveChannels {
  const ttl = p.ttlMs ?? LIVE_CHANNELS_TTL_MS;
  const timeout = p.timeoutMs ?? READ_TIMEOUT_MS;
  const now = p.now ?? Date.now;
  let cached: { value: ReadonlySet<ChannelName> | null; at: number } | null = null;
  let inFlight: Promise<ReadonlySet<ChannelName> | null> | null = null;

  async function readOnce(): Promise<ReadonlySet<ChannelName> | null> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const remote = await Promise.race([
        p.read(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('heartbeat read timed out')), timeout);
          timer.unref();
        }),
      ]);
      return new Set([...p.local(), ...remote]);
    } catch {
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  function refresh(): Promise<ReadonlySet<ChannelName> | null> {
    inFlight ??= readOnce().then((value) => {
      // A failure is remembered for a TTL too: a dead Redis must not cost every listing a timeout.
      cached = { value, at: now() };
      inFlight = null;
      return value;
    });
    return inFlight;
  }

  return {
    async get() {
      if (!cached) return refresh();
      if (now() - cached.at >= ttl) void refresh();
      return cached.value;
    },
  };
}
