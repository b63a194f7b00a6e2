import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import qrcodeTerminal from 'qrcode-terminal';
import type { ChatChannel, ConversationHandler } from '../chat/ports.js';
import {
  APOLOGY_TEXT,
  ChromiumMissingError,
  createRedisLastSeen,
  createWhatsAppAdapter,
  createWhatsAppChannel,
  createWhatsAppPacer,
  createWhatsAppSession,
  createWhatsAppWebClient,
  publishWhatsAppStatus,
  type WhatsAppClientPort,
  type WhatsAppPacer,
  type WhatsAppSession,
  type WhatsAppSessionDeps,
  type WhatsAppSessionStatus,
} from '../../bots/whatsapp/index.js';
import { ConfigError, type Config } from '../config/config.js';
import type { Core } from './core.js';

export interface WhatsAppPartDeps {
  config: Pick<Config, 'dataDir' | 'queuePrefix' | 'whatsapp'>;
  core: Pick<Core, 'producer' | 'clock' | 'logger'>;
  /** The conversation engine; may be a late-bound wrapper, it is only called once messages arrive. */
  handler: ConversationHandler;
  /** Tests: a fake client in place of whatsapp-web.js over Chromium (then no Chromium is needed). */
  createClient?: () => WhatsAppClientPort;
  printQr?: (qr: string) => void;
  backoff?: WhatsAppSessionDeps['backoff'];
  /**
   * The right to run this number's session (src/redis/exclusive.ts, keyed by WHATSAPP_NUMBER): two gateways
   * on one number would fight over the linked device. Without it (tests, one process) claim() always succeeds.
   */
  exclusive?: ExclusiveRight;
  /** How long claim() waits for a holder that may be this gateway's previous run (its lease running out). */
  claimWaitMs?: number;
}

/** A right only one process may hold (src/redis/exclusive.ts has the Redis one). */
export interface ExclusiveRight {
  take(onLost: () => void): Promise<{ release(): Promise<void> } | { heldBy: string | null }>;
}

/** Longer than the lease (30 s): a gateway restarted right after a crash finds its old lease gone by then. */
const CLAIM_WAIT_MS = 35_000;

export interface WhatsAppPart {
  /** Give this to createChat as `whatsapp`: the engine's replies and the notify worker's sends. */
  channel: ChatChannel;
  /**
   * Takes the number's gateway right before start(): false (after a clear log line naming the holder) when
   * another process runs this number, also after waiting out a lease its previous run may have left.
   */
  claim(): Promise<boolean>;
  status(): WhatsAppSessionStatus;
  /** Opens the session: the QR is printed on the terminal (and shown on the dashboard) until paired. */
  start(): void;
  /**
   * First step of a shutdown: messages from now on get "please try again shortly" without reaching the
   * engine (the database is about to close); resolves when the messages being handled are done.
   */
  stopIntake(): Promise<void>;
  /** Lets queued replies go out (a few seconds at most), then closes the browser. Call after the workers stopped. */
  stop(): Promise<void>;
  session: WhatsAppSession;
  pacer: WhatsAppPacer;
}

/** Redis keys of the gateway, under the deployment's queue prefix. */
export const whatsappKeys = (queuePrefix: string) => ({
  lastSeen: `${queuePrefix}:wa:last-seen:`,
  status: `${queuePrefix}:wa:status`,
});

const STOP_DRAIN_MS = 5000;

/**
 * The WhatsApp gateway: one session (LocalAuth under DATA_DIR/whatsapp, so a restart needs no new QR), one
 * pacer for every outbound message, last-seen in Redis (shared with any process that sends), the adapter
 * into the engine, and the channel for the engine and the notify worker. Its state is published to Redis
 * so that a dashboard in another process can show it.
 */
export function createWhatsApp(deps: WhatsAppPartDeps): WhatsAppPart {
  const { config, core } = deps;
  const wa = config.whatsapp;
  const logger = core.logger.child({ component: 'whatsapp' });
  // Checked before anything starts: puppeteer's own error for a missing browser does not say what to do.
  if (!deps.createClient && !existsSync(wa.chromiumPath))
    throw new ConfigError(new ChromiumMissingError(wa.chromiumPath).message);
  const sessionDir = join(config.dataDir, 'whatsapp');
  const mediaDir = join(config.dataDir, 'media');
  mkdirSync(sessionDir, { recursive: true });

  const createClient =
    deps.createClient ?? (() => createWhatsAppWebClient({ dataDir: sessionDir, chromiumPath: wa.chromiumPath }));
  const session = createWhatsAppSession({
    createClient,
    logger,
    clock: core.clock,
    backoff: deps.backoff,
    restartEveryMs: wa.restartHours * 3_600_000,
    printQr: (qr) => {
      (deps.printQr ?? defaultPrintQr)(qr);
      logger.info(
        {},
        'whatsapp: scan the QR above (or on /dashboard/whatsapp) from the phone: Linked devices → Link a device',
      );
    },
  });
  const pacer = createWhatsAppPacer({ intervalMs: wa.intervalMs, jitterMs: wa.jitterMs });
  const lastSeen = createRedisLastSeen({ redis: core.producer, prefix: whatsappKeys(config.queuePrefix).lastSeen });
  const channel = createWhatsAppChannel({ client: session, pacer, lastSeen, clock: core.clock });
  let accepting = true;
  const inFlight = new Set<Promise<unknown>>();
  const handler: ConversationHandler = {
    handle(message) {
      if (!accepting) return Promise.resolve([{ text: APOLOGY_TEXT }]);
      const p = deps.handler.handle(message);
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p)).catch(() => {});
      return p;
    },
  };
  createWhatsAppAdapter({ client: session, handler, mediaDir, logger, pacer, lastSeen, clock: core.clock });
  session.onState((s) => logger.info({ state: s.state, restarts: s.restarts }, 'whatsapp: session state'));

  let publisher: { stop(): Promise<void> } | null = null;
  let right: { release(): Promise<void> } | null = null;
  const number = wa.number ?? 'the unnamed number (WHATSAPP_NUMBER unset)';
  return {
    channel,
    async claim() {
      if (!deps.exclusive || right) return true;
      const deadline = Date.now() + (deps.claimWaitMs ?? CLAIM_WAIT_MS);
      let said = false;
      for (;;) {
        const got = await deps.exclusive.take(() =>
          logger.error(
            { number },
            'whatsapp: lost the gateway lock (Redis restarted, or this process stalled); another gateway could start on this number',
          ),
        );
        if ('release' in got) {
          right = got;
          return true;
        }
        if (Date.now() >= deadline) {
          logger.error(
            { number, holder: got.heldBy },
            `whatsapp: another gateway runs for ${number} (${got.heldBy ?? 'unknown'}); one process per number: this one does not open the session`,
          );
          return false;
        }
        if (!said)
          logger.warn(
            { number, holder: got.heldBy },
            'whatsapp: another gateway holds this number; waiting a little in case it is the previous run of this one',
          );
        said = true;
        await new Promise((r) => setTimeout(r, Math.min(1000, Math.max(10, deadline - Date.now()))));
      }
    },
    session,
    pacer,
    status: () => session.status(),
    start() {
      publisher ??= publishWhatsAppStatus({
        redis: core.producer,
        key: whatsappKeys(config.queuePrefix).status,
        session,
      });
      session.start();
    },
    async stopIntake() {
      accepting = false;
      await Promise.allSettled([...inFlight]);
    },
    async stop() {
      accepting = false;
      await Promise.race([pacer.idle(), new Promise((r) => setTimeout(r, STOP_DRAIN_MS).unref())]);
      pacer.stop();
      await publisher?.stop();
      await session.stop();
      // After the session closed: the next gateway for this number may start at once.
      await right?.release().catch(() => {});
      right = null;
    },
  };
}

const defaultPrintQr = (qr: string) => qrcodeTerminal.generate(qr, { small: true });
