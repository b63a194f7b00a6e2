import type { Redis } from 'ioredis';
import type { WhatsAppSession, WhatsAppSessionState, WhatsAppSessionStatus } from './whatsapp-session.js';

/** The session state as another process reads it (the dashboard while `npm run whatsapp` runs apart). */
export interface SharedWhatsAppStatus {
  state: WhatsAppSessionState;
  qr: string | null;
  since: string;
  restarts: number;
}

const STATES: readonly WhatsAppSessionState[] = ['starting', 'qr', 'ready', 'disconnected'];

/**
 * Writes the session's state to one Redis key on every change and every `refreshMs`, with a TTL: when the
 * gateway process dies, the key expires and readers see no gateway instead of a stale "ready".
 */
export function publishWhatsAppStatus(props: {
  redis: Pick<Redis, 'set' | 'del'>;
  key: string;
  session: Pick<WhatsAppSession, 'status' | 'onState'>;
  refreshMs?: number;
  ttlMs?: number;
}): { stop(): Promise<void> } {
  const refreshMs = props.refreshMs ?? 10_000;
  const ttlMs = props.ttlMs ?? 3 * refreshMs;
  const write = (s: WhatsAppSessionStatus) => {
    const value: SharedWhatsAppStatus = {
      state: s.state,
      qr: s.qr,
      since: s.since.toISOString(),
      restarts: s.restarts,
    };
    // Best effort: a missed write only makes the dashboard a few seconds late.
    props.redis.set(props.key, JSON.stringify(value), 'PX', ttlMs).catch(() => {});
  };
  const unsubscribe = props.session.onState(write);
  write(props.session.status());
  const timer = setInterval(() => write(props.session.status()), refreshMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      unsubscribe();
      await props.redis.del(props.key).catch(() => {});
    },
  };
}

/** Reads a published status; null when no gateway has written lately or the value is not ours. */
export async function readWhatsAppStatus(redis: Pick<Redis, 'get'>, key: string): Promise<SharedWhatsAppStatus | null> {
  const raw = await redis.get(key);
  if (raw === null) return null;
  try {
    const v = JSON.parse(raw) as Partial<SharedWhatsAppStatus>;
    if (!v || !STATES.includes(v.state as WhatsAppSessionState)) return null;
    return {
      state: v.state!,
      qr: typeof v.qr === 'string' ? v.qr : null,
      since: String(v.since ?? ''),
      restarts: Number(v.restarts ?? 0),
    };
  } catch {
    return null;
  }
}

/**
 * Keeps the last published status in memory, polled every `intervalMs`, for callers that need it at once
 * (the dashboard's `whatsappStatus()` and /healthz are synchronous).
 */
export function watchWhatsAppStatus(props: { redis: Pick<Redis, 'get'>; key: string; intervalMs?: number }): {
  current(): SharedWhatsAppStatus | null;
  refresh(): Promise<void>;
  stop(): void;
} {
  let last: SharedWhatsAppStatus | null = null;
  const refresh = async () => {
    last = await readWhatsAppStatus(props.redis, props.key).catch(() => null);
  };
  void refresh();
  const timer = setInterval(() => void refresh(), props.intervalMs ?? 2000);
  timer.unref();
  return { current: () => last, refresh, stop: () => clearInterval(timer) };
}
