import { inject } from 'vitest';
import type { ChannelName as ChatChannelName } from '../../src/chat/ports.js';
import { createChat, type Chat } from '../../src/app/chat.js';
import { createCore, type Core } from '../../src/app/core.js';
import { createWhatsApp, type WhatsAppPart } from '../../src/app/whatsapp.js';
import { silentLogger } from '../../src/shared/logger.js';
import { waitUntil } from '../support/processes.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { FakeWhatsAppClient, fakeMessage } from './fake-whatsapp-client.js';

let worlds = 0;

/**
 * The WhatsApp gateway as `npm run whatsapp` builds it (src/app/whatsapp.ts over createCore and createChat),
 * on a real SQLite file and a real Redis with its own prefix, with a fake whatsapp-web.js client in place of
 * Chromium. Every client the session creates (one per connection) is kept, so reconnects can be driven.
 */
export async function gatewayWorld(p: { channels?: readonly ChatChannelName[]; intervalMs?: number } = {}) {
  const t: TestDb = await createTestDb();
  const prefix = `t-wa-${process.pid}-${Date.now()}-${++worlds}`;
  const core: Core = await createCore({
    database: t.location,
    redisUrl: inject('redisUrl'),
    queuePrefix: prefix,
    workerConcurrency: 4,
    workerLockMs: 5000,
    sweepIntervalMs: 60_000,
    outboxIntervalMs: 50,
    telegramRatePerSecond: 50,
    logger: silentLogger(),
    workers: true,
  });
  // The producer connection fails fast while not yet connected (no offline queue); tests read through it.
  await waitUntil(async () => core.producer.status === 'ready', 5000, 'the Redis producer connected');
  const clients: FakeWhatsAppClient[] = [];
  const wa: WhatsAppPart = createWhatsApp({
    config: {
      dataDir: t.dir,
      queuePrefix: prefix,
      whatsapp: {
        enabled: true,
        chromiumPath: '/nonexistent/chromium',
        intervalMs: p.intervalMs ?? 5,
        jitterMs: 2,
        restartHours: 0,
      },
    },
    core,
    // Late-bound, as in main.ts: the engine needs the channel, the adapter needs the engine.
    handler: { handle: (m) => chat.engine.handle(m) },
    createClient: () => {
      const c = new FakeWhatsAppClient();
      clients.push(c);
      return c;
    },
    printQr: () => {},
    backoff: { initialMs: 30, factor: 1, maxMs: 30 },
  });
  const chat: Chat = createChat(core, { whatsapp: wa.channel });
  // As src/main.ts: the gateway sends WhatsApp broadcasts too, and so marks the channel alive (listing).
  core.startWorkers(chat.delivery, {
    channels: p.channels ?? ['whatsapp'],
    broadcastChannels: { whatsapp: wa.channel },
  });
  wa.start();
  const client = () => clients.at(-1)!;
  client().emit('ready');

  const sends = () => clients.flatMap((c) => c.sends);
  const sendsTo = (jid: string) => sends().filter((s) => s.chatId === jid);

  /** Waits for a message to `jid` (after the first `from` ones) whose text contains `needle`. */
  async function waitForText(jid: string, needle: string, from = 0, timeoutMs = 20_000): Promise<string> {
    const found = await waitUntil(
      async () =>
        sendsTo(jid)
          .slice(from)
          .find((s) => s.text.includes(needle)) ?? null,
      timeoutMs,
      `"${needle}" to ${jid}`,
    );
    return found.text;
  }

  /** One WhatsApp chat writing to the gateway. */
  function person(jid: string, extra: { contactNumber?: string | null } = {}) {
    return {
      jid,
      /** Sends a text (optionally with a given message id, or quoting a sent message) and returns the replies, joined, once all went out. */
      async say(body: string, id?: string, quoted?: string): Promise<string> {
        const before = sendsTo(jid).length;
        client().emit(
          'message',
          fakeMessage({
            from: jid,
            body,
            ...(id ? { id: { _serialized: id } } : {}),
            ...(quoted ? { quoted } : {}),
            ...extra,
          }),
        );
        await waitUntil(async () => sendsTo(jid).length > before, 20_000, `a reply to "${body}" from ${jid}`);
        await wa.pacer.idle();
        return sendsTo(jid)
          .slice(before)
          .map((s) => s.text)
          .join('\n---\n');
      },
      /** Sends a message whose replies (if any) the caller checks itself. */
      emit(body: string, id?: string, type = 'chat') {
        client().emit(
          'message',
          fakeMessage({ from: jid, body, type, ...(id ? { id: { _serialized: id } } : {}), ...extra }),
        );
      },
      count: () => sendsTo(jid).length,
      last: () => sendsTo(jid).at(-1)?.text ?? '',
    };
  }

  async function close() {
    for (const q of [core.queues.orders, core.queues.notify, ...core.notifyQueues.all()])
      await q.obliterate({ force: true }).catch(() => {});
    await core.close();
    await wa.stop();
    await t.cleanup();
  }

  return { t, db: t.db, core, wa, prefix, clients, client, sends, sendsTo, waitForText, person, close };
}

/** The number of the option whose label contains `label`, from numbered lines `N. label`. */
export function choose(text: string, label: string): string {
  for (const line of text.split('\n')) {
    const m = /^(\d+)\. (.*)$/.exec(line.trim());
    if (m && m[2]!.includes(label)) return m[1]!;
  }
  throw new Error(`no option "${label}" in:\n${text}`);
}
