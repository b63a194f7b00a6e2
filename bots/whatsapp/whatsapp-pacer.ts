/**
 * Paces every outbound message of one WhatsApp session. An unofficial client that sends in bursts gets the
 * number banned, so all sends go one at a time with a quiet gap of `intervalMs` plus random jitter after
 * each, replies included. Each chat keeps its own FIFO so its messages arrive in order, and chats take
 * turns so that one long broadcast does not starve the rest; a chat whose next message is a reply goes
 * first, because someone is waiting for it.
 */
export interface WhatsAppPacer {
  /** Queues one send for `chatId`; resolves or rejects with that send once it has run. */
  enqueue(chatId: string, send: () => Promise<void>, options?: { priority?: PacerPriority }): Promise<void>;
  /** Resolves when nothing is queued or in flight. */
  idle(): Promise<void>;
  stats(): PacerStats;
  /** Rejects everything still queued with PacerStoppedError; the send in flight finishes. */
  stop(): void;
}

export type PacerPriority = 'reply' | 'proactive';

export interface PacerStats {
  sent: number;
  failed: number;
  queued: number;
  /** Highest number of sends seen in flight for one chat at once (must stay 1). */
  maxInFlightPerChat: number;
  /** Highest number of sends seen in flight across all chats at once (must stay 1). */
  maxInFlight: number;
}

export interface PacerProps {
  /** Quiet time after each send; default 2000 ms. */
  intervalMs?: number;
  /** Extra random wait in [0, jitterMs] after each send; default 1000 ms. */
  jitterMs?: number;
  /** Milliseconds on a monotonic clock; default performance.now. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1); default Math.random. */
  random?: () => number;
}

export class PacerStoppedError extends Error {
  constructor() {
    super('WhatsApp pacer stopped before this message was sent');
    this.name = 'PacerStoppedError';
  }
}

interface Job {
  send: () => Promise<void>;
  priority: PacerPriority;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createWhatsAppPacer(props: PacerProps = {}): WhatsAppPacer {
  const intervalMs = props.intervalMs ?? 2000;
  const jitterMs = props.jitterMs ?? 1000;
  // Monotonic: a wall clock set back by NTP would otherwise stall every send for as long as it jumped.
  const now = props.now ?? (() => performance.now());
  const sleep = props.sleep ?? defaultSleep;
  const random = props.random ?? Math.random;

  const queues = new Map<string, Job[]>();
  // Chats with something queued, in turn order; a Map keeps insertion order and gives O(1) removal.
  const turns = new Map<string, true>();
  const inFlightPerChat = new Map<string, number>();
  let inFlight = 0;
  let nextAllowedAt = 0;
  let running = false;
  let stopped = false;
  let idleWaiters: Array<() => void> = [];
  const stats = { sent: 0, failed: 0, maxInFlightPerChat: 0, maxInFlight: 0 };

  function queuedCount(): number {
    let n = 0;
    for (const q of queues.values()) n += q.length;
    return n;
  }

  function pickChat(): string | undefined {
    for (const chatId of turns.keys()) {
      if (queues.get(chatId)?.[0]?.priority === 'reply') return chatId;
    }
    return turns.keys().next().value;
  }

  async function waitForGap(): Promise<void> {
    // Loop because timers may fire a little early against `now`; the gap is a promise to WhatsApp.
    for (let wait = nextAllowedAt - now(); wait > 0; wait = nextAllowedAt - now()) await sleep(wait);
  }

  async function runOne(chatId: string): Promise<void> {
    const queue = queues.get(chatId);
    const job = queue?.shift();
    turns.delete(chatId);
    if (!queue || !job) return;
    // Round robin: a chat with more to send goes to the back of the line.
    if (queue.length) turns.set(chatId, true);
    else queues.delete(chatId);

    const chatInFlight = (inFlightPerChat.get(chatId) ?? 0) + 1;
    inFlightPerChat.set(chatId, chatInFlight);
    inFlight++;
    stats.maxInFlightPerChat = Math.max(stats.maxInFlightPerChat, chatInFlight);
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
    try {
      await job.send();
      stats.sent++;
      job.resolve();
    } catch (error) {
      stats.failed++;
      job.reject(error);
    } finally {
      inFlight--;
      if (chatInFlight === 1) inFlightPerChat.delete(chatId);
      else inFlightPerChat.set(chatId, chatInFlight - 1);
      // Spaced from the end of the send: a slow send must not let the next one follow at once.
      nextAllowedAt = now() + intervalMs + Math.floor(random() * (jitterMs + 1));
    }
  }

  async function drain(): Promise<void> {
    if (running) return;
    running = true;
    try {
      while (!stopped && turns.size) {
        await waitForGap();
        if (stopped) break;
        const chatId = pickChat();
        if (chatId !== undefined) await runOne(chatId);
      }
    } finally {
      running = false;
      if (!turns.size && inFlight === 0) {
        const waiters = idleWaiters;
        idleWaiters = [];
        for (const w of waiters) w();
      }
    }
  }

  return {
    enqueue(chatId, send, options) {
      if (stopped) return Promise.reject(new PacerStoppedError());
      return new Promise<void>((resolve, reject) => {
        const job: Job = { send, priority: options?.priority ?? 'proactive', resolve, reject };
        const queue = queues.get(chatId);
        if (queue) queue.push(job);
        else queues.set(chatId, [job]);
        if (!turns.has(chatId)) turns.set(chatId, true);
        void drain();
      });
    },
    idle() {
      if (!running && !turns.size) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
    stats: () => ({ ...stats, queued: queuedCount() }),
    stop() {
      stopped = true;
      for (const queue of queues.values()) for (const job of queue) job.reject(new PacerStoppedError());
      queues.clear();
      turns.clear();
    },
  };
}
