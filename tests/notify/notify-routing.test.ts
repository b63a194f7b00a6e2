import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createChat } from '../../src/app/chat.js';
import { createCore, type Core } from '../../src/app/core.js';
import { deleteChatLink, upsertChatLink } from '../../src/chat/chat-link.repository.js';
import type { ChannelName as ChatChannelName } from '../../src/chat/ports.js';
import { recordNotification } from '../../src/notify/notification.repository.js';
import { silentLogger } from '../../src/shared/logger.js';
import { recordingChannel } from '../support/flow-fixtures.js';
import { waitUntil } from '../support/processes.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

/**
 * Two "processes" (two cores on one SQLite file and one Redis prefix), as `npm start` and `npm run whatsapp`
 * run: each has only some chat channels, and a notice must be sent by the one that has the recipient's.
 */
let t: TestDb;
let prefix: string;
const cores: Core[] = [];
beforeEach(async () => {
  t = await createTestDb();
  prefix = `t-route-${process.pid}-${Date.now()}`;
});
afterEach(async () => {
  const c = cores[0];
  if (c)
    for (const q of [c.queues.orders, c.queues.notify, ...c.notifyQueues.all()])
      await q.obliterate({ force: true }).catch(() => {});
  for (const core of cores.splice(0)) await core.close();
  await t.cleanup();
});

async function peer(channel: ChatChannelName) {
  const core = await createCore({
    database: t.location,
    redisUrl: inject('redisUrl'),
    queuePrefix: prefix,
    workerConcurrency: 2,
    workerLockMs: 5000,
    sweepIntervalMs: 60_000,
    outboxIntervalMs: 50,
    telegramRatePerSecond: 50,
    logger: silentLogger(),
    workers: true,
  });
  cores.push(core);
  const recorder = recordingChannel(channel);
  const chat = createChat(core, { [channel]: recorder });
  return { core, sent: recorder.sent, start: () => core.startWorkers(chat.delivery, { channels: [channel] }) };
}

const AT = () => new Date().toISOString();
const WA = '+6281234599001';
const WEB = '+6281234599002';

async function link(channel: ChatChannelName, chatId: string, phone: string) {
  await upsertChatLink(t.db, { channel, chatId, phone, role: 'buyer', shopId: null, at: AT() });
}

async function notify(core: Core, phone: string, key: string) {
  await core.db.transaction().execute((trx) =>
    recordNotification(
      trx,
      {
        dedupeKey: key,
        recipientPhone: phone,
        template: 'order.completed',
        params: { code: 'PK-ABCDEF', total: 1000 },
      },
      AT(),
    ),
  );
  core.dispatcher.poke();
}

const statusOf = async (key: string) =>
  await t.db
    .selectFrom('notifications')
    .select(['status', 'channel'])
    .where('dedupe_key', '=', key)
    .executeTakeFirstOrThrow();
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('notices routed by channel across processes', () => {
  it('leaves a WhatsApp notice to the WhatsApp process: the web process neither sends nor loses it', async () => {
    const web = await peer('web');
    web.start();
    await link('whatsapp', '6281234599001@c.us', WA);
    await link('web', 'tab-1', WEB);
    await notify(web.core, WA, 'k-wa');
    await notify(web.core, WEB, 'k-web');
    await waitUntil(async () => (await statusOf('k-web')).status === 'sent', 10_000, 'the web notice sent');
    await pause(500);
    expect(await statusOf('k-wa')).toEqual({ status: 'queued', channel: null });
    expect(web.sent.map((s) => s.chatId)).toEqual(['tab-1']);

    const wa = await peer('whatsapp');
    wa.start();
    await waitUntil(async () => (await statusOf('k-wa')).status === 'sent', 10_000, 'the WhatsApp notice sent');
    expect(await statusOf('k-wa')).toEqual({ status: 'sent', channel: 'whatsapp' });
    expect(wa.sent.map((s) => s.chatId)).toEqual(['6281234599001@c.us']);
  });

  it("forwards a re-send on the plain queue (the sweeper's) to the recipient's channel instead of marking it unreachable", async () => {
    const web = await peer('web');
    web.start();
    await link('whatsapp', '6281234599001@c.us', WA);
    await notify(web.core, WA, 'k-sweep');
    const { id } = await t.db
      .selectFrom('notifications')
      .select('id')
      .where('dedupe_key', '=', 'k-sweep')
      .executeTakeFirstOrThrow();
    await web.core.queues.notify.add('send', { notificationId: id }, { jobId: `again-${id}` });
    await waitUntil(
      async () => (await web.core.queues.notify.getJobCounts('completed')).completed === 1,
      10_000,
      'the re-send handled',
    );
    expect((await statusOf('k-sweep')).status).toBe('queued');
    // Notices wait as prioritized jobs (a new order goes first: src/notify/notice-priority.ts).
    expect(await web.core.notifyQueues.forChannel('whatsapp').getJobCounts('prioritized')).toEqual({ prioritized: 1 });
  });

  it('sends on the new channel when the person moved there after the notice was queued', async () => {
    const web = await peer('web');
    const wa = await peer('whatsapp');
    await link('whatsapp', '6281234599001@c.us', WA);
    await notify(web.core, WA, 'k-moved');
    await waitUntil(
      async () => (await web.core.notifyQueues.forChannel('whatsapp').getJobCounts('prioritized')).prioritized === 1,
      10_000,
      'queued for WhatsApp',
    );
    await deleteChatLink(t.db, 'whatsapp', '6281234599001@c.us');
    await link('web', 'tab-2', WA);
    wa.start();
    web.start();
    await waitUntil(async () => (await statusOf('k-moved')).status === 'sent', 10_000, 'the notice sent');
    expect(await statusOf('k-moved')).toEqual({ status: 'sent', channel: 'web' });
    expect(wa.sent).toEqual([]);
    expect(web.sent.map((s) => s.chatId)).toEqual(['tab-2']);
  });

  it('still marks a notice for someone without any chat unreachable', async () => {
    const web = await peer('web');
    web.start();
    await notify(web.core, '+6281234599009', 'k-nobody');
    await waitUntil(async () => (await statusOf('k-nobody')).status !== 'queued', 10_000, 'handled');
    expect(await statusOf('k-nobody')).toEqual({ status: 'unreachable', channel: null });
  });
});

describe('a process that takes from a channel it does not have', () => {
  it('puts the notice back for a process that has the channel instead of marking it unreachable', async () => {
    // As main.ts did before it listed its channels: every channel queue, only the web channel.
    const wrong = await peer('web');
    const chatOfWrong = createChat(wrong.core, { web: recordingChannel('web') });
    wrong.core.startWorkers(chatOfWrong.delivery);
    await link('whatsapp', '6281234599001@c.us', WA);
    await notify(wrong.core, WA, 'k-not-here');
    const q = wrong.core.notifyQueues.forChannel('whatsapp');
    await waitUntil(async () => (await q.getJobCounts('delayed')).delayed === 1, 10_000, 'the notice put back');
    expect(await statusOf('k-not-here')).toEqual({ status: 'queued', channel: null });

    // The misconfigured process goes away (or keeps losing the race); the WhatsApp process takes the notice.
    await Promise.all(wrong.core.workers.map((w) => w.close()));
    const wa = await peer('whatsapp');
    wa.start();
    // The delayed job comes back in 30 s; promote it rather than wait.
    await q.promoteJobs();
    await waitUntil(
      async () => (await statusOf('k-not-here')).status === 'sent',
      10_000,
      'sent by the WhatsApp process',
    );
    expect(wa.sent.map((s) => s.chatId)).toEqual(['6281234599001@c.us']);
  });
});

describe('a person moving between channels and back', () => {
  it('still gets the notice when it was forwarded away from a channel and they return to it', async () => {
    const web = await peer('web');
    const wa = await peer('whatsapp');
    await link('whatsapp', '6281234599001@c.us', WA);
    await notify(web.core, WA, 'k-back');
    const waQueue = web.core.notifyQueues.forChannel('whatsapp');
    await waitUntil(
      async () => (await waQueue.getJobCounts('prioritized')).prioritized === 1,
      10_000,
      'queued for WhatsApp',
    );
    // They move to the web chat: the WhatsApp process forwards the notice there…
    await deleteChatLink(t.db, 'whatsapp', '6281234599001@c.us');
    await link('web', 'tab-3', WA);
    wa.start();
    await waitUntil(async () => (await waQueue.getJobCounts('completed')).completed === 1, 10_000, 'forwarded to web');
    // …and come back to WhatsApp before the web process took it.
    await deleteChatLink(t.db, 'web', 'tab-3');
    await pause(5);
    await link('whatsapp', '6281234599001@c.us', WA);
    web.start();
    await waitUntil(async () => (await statusOf('k-back')).status === 'sent', 10_000, 'the notice sent');
    expect(await statusOf('k-back')).toEqual({ status: 'sent', channel: 'whatsapp' });
    expect(web.sent).toEqual([]);
    expect(wa.sent.map((s) => s.chatId)).toEqual(['6281234599001@c.us']);
  });
});
