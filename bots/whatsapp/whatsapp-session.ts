import qrcodeTerminal from 'qrcode-terminal';
import type { Clock } from '../../src/shared/clock.js';
import type {
  WhatsAppClientPort,
  WhatsAppLidResolver,
  WhatsAppMessagePort,
  WhatsAppMessageSource,
  WhatsAppSender,
} from './whatsapp-client.js';
import type { WhatsAppLogger } from './whatsapp-logger.js';

export type WhatsAppSessionState = 'starting' | 'qr' | 'ready' | 'disconnected';

/** What the dashboard shows; `qr` is the raw payload to scan while pairing. */
export interface WhatsAppSessionStatus {
  state: WhatsAppSessionState;
  qr: string | null;
  since: Date;
  /** Clients re-created so far: reconnects and scheduled restarts. */
  restarts: number;
}

/** Timers as a dependency, so that tests run backoff and scheduled restarts by hand. */
export interface SessionTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface WhatsAppSessionDeps {
  /** Builds a fresh client per attempt: a destroyed whatsapp-web.js Client cannot be initialised again. */
  createClient: () => WhatsAppClientPort;
  logger: WhatsAppLogger;
  /** Shows the pairing QR on the terminal; default qrcode-terminal. */
  printQr?: (qr: string) => void;
  timers?: SessionTimers;
  clock?: Clock;
  /** Reconnect delays: initialMs × factor^failures, at most maxMs. Defaults 5 s, ×2, 5 minutes. */
  backoff?: { initialMs?: number; factor?: number; maxMs?: number };
  /** Re-create the client this often against Chromium's memory growth; 0 (default) = never. */
  restartEveryMs?: number;
}

/**
 * One WhatsApp login kept alive: reconnects with backoff and restarts Chromium on a schedule. It outlives
 * its clients, so the adapter listens to it and the channel sends through it.
 */
export interface WhatsAppSession extends WhatsAppMessageSource, WhatsAppSender, WhatsAppLidResolver {
  /** Creates and initialises the first client; throws if that client cannot even be built (no Chromium). */
  start(): void;
  /** Cancels timers and destroys the client; the session cannot be started again. */
  stop(): Promise<void>;
  status(): WhatsAppSessionStatus;
  /** Called on every state change; returns an unsubscribe function. */
  onState(listener: (status: WhatsAppSessionStatus) => void): () => void;
}

/** A send while the session is not connected; worth retrying later, unlike a refused message. */
export class WhatsAppNotReadyError extends Error {
  readonly kind = 'not_ready';
  constructor(readonly state: WhatsAppSessionState) {
    super(`WhatsApp session is not ready (state: ${state})`);
    this.name = 'WhatsAppNotReadyError';
  }
}

const realTimers: SessionTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

const printToTerminal = (qr: string) => qrcodeTerminal.generate(qr, { small: true });

export function createWhatsAppSession(deps: WhatsAppSessionDeps): WhatsAppSession {
  const { logger } = deps;
  const timers = deps.timers ?? realTimers;
  const clock = deps.clock ?? { now: () => new Date() };
  const printQr = deps.printQr ?? printToTerminal;
  const initialMs = deps.backoff?.initialMs ?? 5000;
  const factor = deps.backoff?.factor ?? 2;
  const maxMs = deps.backoff?.maxMs ?? 5 * 60 * 1000;
  const restartEveryMs = deps.restartEveryMs ?? 0;

  let status: WhatsAppSessionStatus = { state: 'starting', qr: null, since: clock.now(), restarts: 0 };
  const stateListeners = new Set<(s: WhatsAppSessionStatus) => void>();
  const messageListeners = new Set<(m: WhatsAppMessagePort) => void>();
  let client: WhatsAppClientPort | null = null;
  // Each client gets a generation; events from a replaced client (its late 'disconnected') are ignored.
  let generation = 0;
  let failures = 0;
  let reconnectTimer: unknown = null;
  let restartTimer: unknown = null;
  let started = false;
  let stopped = false;

  function setState(state: WhatsAppSessionState, qr: string | null = null): void {
    status = { state, qr, since: clock.now(), restarts: status.restarts };
    for (const listener of stateListeners) {
      try {
        listener(status);
      } catch (error) {
        logger.warn({ err: error }, 'whatsapp: a session state listener failed');
      }
    }
  }

  function clearTimers(): void {
    if (reconnectTimer !== null) timers.clearTimeout(reconnectTimer);
    if (restartTimer !== null) timers.clearTimeout(restartTimer);
    reconnectTimer = restartTimer = null;
  }

  async function destroyClient(): Promise<void> {
    const old = client;
    client = null;
    generation++;
    if (!old) return;
    try {
      await old.destroy();
    } catch (error) {
      logger.warn({ err: error }, 'whatsapp: destroying the old client failed');
    }
  }

  function connect(): void {
    const gen = ++generation;
    setState('starting');
    const c = deps.createClient();
    client = c;
    const current = () => gen === generation && !stopped;
    c.on('qr', (qr) => {
      if (!current()) return;
      setState('qr', qr);
      printQr(qr);
    });
    c.on('authenticated', () => {
      if (current()) logger.info({}, 'whatsapp: authenticated');
    });
    c.on('ready', () => {
      if (!current()) return;
      failures = 0;
      setState('ready');
      logger.info({ restarts: status.restarts }, 'whatsapp: ready');
      scheduleRestart();
    });
    c.on('auth_failure', (message) => {
      if (current()) void fail(`auth_failure: ${message}`);
    });
    c.on('disconnected', (reason) => {
      if (current()) void fail(`disconnected: ${reason}`);
    });
    c.on('message', (message) => {
      if (!current()) return;
      for (const listener of messageListeners) listener(message);
    });
    c.initialize().catch((error: unknown) => {
      if (current()) void fail(`initialize failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  /** Re-creates the client now; for reconnects after the backoff and for scheduled restarts. */
  function reconnect(): void {
    if (stopped) return;
    status = { ...status, restarts: status.restarts + 1 };
    try {
      connect();
    } catch (error) {
      void fail(`could not create a client: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async function fail(reason: string): Promise<void> {
    if (restartTimer !== null) timers.clearTimeout(restartTimer);
    restartTimer = null;
    const delay = Math.min(maxMs, initialMs * factor ** failures);
    failures++;
    logger.warn({ reason, delayMs: delay, failures }, 'whatsapp: session lost, reconnecting');
    setState('disconnected');
    // Destroy before the next client starts: two Chromiums on one LocalAuth folder fight over its lock.
    await destroyClient();
    if (stopped) return;
    reconnectTimer = timers.setTimeout(() => {
      reconnectTimer = null;
      reconnect();
    }, delay);
  }

  function scheduleRestart(): void {
    if (restartEveryMs <= 0) return;
    if (restartTimer !== null) timers.clearTimeout(restartTimer);
    restartTimer = timers.setTimeout(() => {
      restartTimer = null;
      logger.info({ restartEveryMs }, 'whatsapp: scheduled restart');
      setState('starting');
      void destroyClient().then(reconnect);
    }, restartEveryMs);
  }

  return {
    start() {
      if (started) return;
      started = true;
      connect();
    },
    async stop() {
      stopped = true;
      clearTimers();
      await destroyClient();
      setState('disconnected');
      stateListeners.clear();
      messageListeners.clear();
    },
    status: () => status,
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    on(_event, listener) {
      messageListeners.add(listener);
      return this;
    },
    async sendMessage(chatId, text) {
      if (!client || status.state !== 'ready') throw new WhatsAppNotReadyError(status.state);
      return client.sendMessage(chatId, text);
    },
    async sendImage(chatId, media, caption) {
      if (!client || status.state !== 'ready') throw new WhatsAppNotReadyError(status.state);
      return client.sendImage(chatId, media, caption);
    },
    async getContactLidAndPhone(userIds) {
      if (!client || status.state !== 'ready') throw new WhatsAppNotReadyError(status.state);
      return client.getContactLidAndPhone(userIds);
    },
  };
}
