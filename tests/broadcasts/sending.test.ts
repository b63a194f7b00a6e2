import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { ChatChannel } from '../../src/chat/ports.js';
import { createTelegramChannel } from '../../bots/telegram/index.js';
import { createBroadcastService, type BroadcastService } from '../../src/broadcasts/broadcast.service.js';
import { createBroadcastQueues } from '../../src/jobs/queues.js';
import { createRedis } from '../../src/jobs/connection.js';
import { startBroadcasting, type Broadcasting } from '../../src/jobs/start-broadcasting.js';
import { createSettingsService, type SettingsService } from '../../src/settings/settings.service.js';
import { ManualClock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/logger.js';
import type { Redis } from 'ioredis';
import { startFakeTelegramApi, type FakeTelegramApi } from '../support/fake-telegram-api.js';
import { makeAgency, makeBuyer } from '../support/fixtures.js';
import { waitUntil } from '../support/processes.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { linkTelegram } from './support.js';

let t: TestDb;
let api: FakeTelegramApi;
let clock: ManualClock;
let settings: SettingsService;
let svc: BroadcastService;
let producer: Redis;
let running: Broadcasting | null;
const prefix = `t-bc-${process.pid}-${Date.now()}`;
let n = 0;

beforeEach(async () => {
  t = await createTestDb();
  api = await startFakeTelegramApi();
  // 10:00 WIB on a weekday, far from quiet hours.
  clock = new ManualClock('2026-11-20T03:00:00.000Z');
  settings = createSettingsService({ db: t.db, clock });
  svc = createBroadcastService({ db: t.db, clock, settings, channels: ['telegram'] });
  producer = createRedis(inject('redisUrl'), 'producer');
  running = null;
});
afterEach(async () => {
  await running?.close();
  // Leave nothing of this test in the shared Redis.
  const queues = createBroadcastQueues({ connection: producer, prefix: `${prefix}-${n}` });
  await Promise.all(
    [queues.telegram, queues.whatsapp, queues.web].map((q) => q.obliterate({ force: true }).catch(() => {})),
  );
  await queues.close();
  producer.disconnect();
  await api.close();
  await t.cleanup();
});

function start(
  ratePerSecond = 200,
  repairMs = 600_000,
  channel: ChatChannel = createTelegramChannel({ token: api.token, apiRoot: api.url }),
) {
  running = startBroadcasting({
    db: t.db,
    clock,
    settings,
    broadcasts: svc,
    logger: silentLogger(),
    prefix: `${prefix}-${++n}`,
    producer,
    connect: () => createRedis(inject('redisUrl'), 'worker'),
    channels: { telegram: channel },
    telegramRatePerSecond: ratePerSecond,
    concurrency: 4,
    lockDurationMs: 5000,
    pollMs: 50,
    repairMs,
    schedules: false,
  });
  return running;
}

/** ASN of one OPD; the first `linked` have a Telegram chat (id 7000 + i). */
async function people(count: number, linked: number) {
  const opd = await makeAgency(t.db);
  const list = [];
  for (let i = 0; i < count; i++) {
    const b = await makeBuyer(t.db, { agencyId: opd.id });
    if (i < linked) await linkTelegram(t.db, b.phone, 7000 + i);
    list.push(b);
  }
  return { opd, list };
}

const statusOf = (id: number) => svc.status(id);
const messageCalls = () => api.calls.filter((c) => c.method === 'sendMessage');

describe('sending a broadcast', () => {
  it('sends once to each reachable person; 403 is blocked and not retried; a 429 waits its retry_after; no chat is failed: unreachable', async () => {
    const { opd } = await people(30, 25);
    let limited = 0;
    api.intercept((method, params) => {
      if (method !== 'sendMessage') return undefined;
      if (String(params.chat_id) === '7003')
        return { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' };
      if (limited < 2) {
        limited++;
        return {
          ok: false,
          error_code: 429,
          description: 'Too Many Requests: retry after 1',
          parameters: { retry_after: 1 },
        };
      }
      return undefined;
    });
    start();
    const b = await svc.create(
      {
        segment: { kind: 'asn_agency', agencyId: opd.id },
        templateId: 'Halo {nama}, sisa {sisa_hari} hari',
        sendAt: 'now',
      },
      'admin:test',
    );
    await waitUntil(async () => (await statusOf(b.id)).broadcast.status === 'done', 30_000, 'broadcast done');
    const s = await statusOf(b.id);
    expect(s.counts).toMatchObject({ total: 30, sent: 24, blocked: 1, failed: 5, queued: 0, sending: 0, unknown: 0 });
    const sent = api.sent();
    expect(sent).toHaveLength(s.counts.sent);
    expect(new Set(sent.map((m) => m.chatId)).size).toBe(sent.length);
    expect(sent.map((m) => m.chatId)).not.toContain('7003');
    // The blocked chat was tried once only.
    expect(messageCalls().filter((c) => String(c.params.chat_id) === '7003')).toHaveLength(1);
    // After the 429, the queue waited the second it asked for (sends already in flight at that moment aside).
    const first429 = messageCalls()[0]!.at;
    expect(messageCalls().filter((c) => c.at > first429 + 150 && c.at < first429 + 900)).toEqual([]);
    expect(messageCalls().filter((c) => c.at >= first429 + 900).length).toBeGreaterThan(10);
    const failed = await svc.recipients(b.id, { status: 'failed' });
    expect(failed.map((r) => r.reason)).toEqual(Array(5).fill('unreachable'));
    const blocked = await svc.recipients(b.id, { status: 'blocked' });
    expect(blocked[0]!.reason).toMatch(/403/);
    expect(sent[0]!.text).toMatch(/^Halo ASN \d+, sisa 11 hari$/);
  });

  it('waits through quiet hours (injected clock) and sends when they end', async () => {
    const { opd } = await people(6, 6);
    clock.set('2026-11-20T15:30:00.000Z'); // 22:30 WIB
    start();
    const b = await svc.create(
      { segment: { kind: 'asn_agency', agencyId: opd.id }, templateId: 'Pengumuman', sendAt: 'now' },
      'admin:test',
    );
    await waitUntil(async () => (await statusOf(b.id)).counts.total === 6, 10_000, 'recipients picked');
    await new Promise((r) => setTimeout(r, 1500));
    expect(api.sent()).toHaveLength(0);
    expect(await statusOf(b.id)).toMatchObject({ quietNow: true, counts: { queued: 6, sent: 0 } });
    clock.set('2026-11-20T22:59:00.000Z'); // 05:59 WIB: still quiet
    await new Promise((r) => setTimeout(r, 500));
    expect(api.sent()).toHaveLength(0);
    clock.set('2026-11-20T23:00:00.000Z'); // 06:00 WIB
    await waitUntil(async () => (await statusOf(b.id)).broadcast.status === 'done', 15_000, 'sent after quiet hours');
    expect(api.sent()).toHaveLength(6);
  });

  it('starts a scheduled broadcast when the injected clock reaches its time, not before', async () => {
    const { opd } = await people(3, 3);
    start();
    const b = await svc.create(
      { segment: { kind: 'asn_agency', agencyId: opd.id }, templateId: 'Nanti', sendAt: '2026-11-20T11:00:00+07:00' },
      'admin:test',
    );
    await new Promise((r) => setTimeout(r, 800));
    expect((await statusOf(b.id)).broadcast.status).toBe('scheduled');
    expect(api.sent()).toHaveLength(0);
    clock.set('2026-11-20T04:00:00.000Z');
    await waitUntil(async () => (await statusOf(b.id)).broadcast.status === 'done', 15_000, 'scheduled broadcast sent');
    expect(api.sent()).toHaveLength(3);
  });

  it('stops sending when cancelled midway; the report matches what Telegram received', async () => {
    const { opd } = await people(40, 40);
    start(5);
    const b = await svc.create(
      { segment: { kind: 'asn_agency', agencyId: opd.id }, templateId: 'Info', sendAt: 'now' },
      'admin:test',
    );
    await waitUntil(async () => (await statusOf(b.id)).counts.sent >= 5, 15_000, 'some sent');
    await svc.cancel(b.id, 'admin:test');
    await new Promise((r) => setTimeout(r, 1500));
    const after = api.sent().length;
    await new Promise((r) => setTimeout(r, 1500));
    expect(api.sent()).toHaveLength(after);
    const s = await statusOf(b.id);
    expect(s.broadcast.status).toBe('cancelled');
    expect(s.counts.sent).toBe(after);
    expect(s.counts.sent).toBeLessThan(20);
    expect(s.counts.sent + s.counts.cancelled).toBe(40);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('entity', '=', 'broadcast')
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'broadcast.create', actor: 'admin:test' },
      { action: 'broadcast.cancel', actor: 'admin:test' },
    ]);
  });

  it.each([
    [false, 'unknown', 0],
    [true, 'sent', 1],
  ] as const)(
    'a recipient left in `sending` by a dead process (resend setting %s) ends %s and gets %i message(s)',
    async (resend, final, messages) => {
      const { opd, list } = await people(3, 3);
      await settings.set('broadcast_resend_unknown', resend, 'test');
      const b = await svc.create(
        { segment: { kind: 'asn_agency', agencyId: opd.id }, templateId: 'Info', sendAt: 'now' },
        'admin:test',
      );
      await svc.start(b.id);
      // As a worker leaves it when killed between the committed mark and the send's answer.
      await t.db
        .updateTable('broadcast_recipients')
        .set({ status: 'sending' })
        .where('phone', '=', list[0]!.phone)
        .execute();
      start(200, 200);
      await waitUntil(async () => (await statusOf(b.id)).broadcast.status === 'done', 15_000, 'done');
      const r = await t.db
        .selectFrom('broadcast_recipients')
        .select(['status', 'chat_id'])
        .where('phone', '=', list[0]!.phone)
        .executeTakeFirstOrThrow();
      expect(r.status).toBe(final);
      expect(api.sent().filter((m) => m.chatId === r.chat_id)).toHaveLength(messages);
      expect(api.sent()).toHaveLength(2 + messages);
    },
  );

  it('waits while the channel is not connected (a WhatsApp session reconnecting) instead of failing anyone', async () => {
    const { opd } = await people(5, 5);
    const real = createTelegramChannel({ token: api.token, apiRoot: api.url });
    let refusals = 0;
    // The first sends meet a session that is not ready, as at a gateway's start or during a reconnect.
    const reconnecting: ChatChannel = {
      name: 'telegram',
      async send(chatId, message, meta) {
        if (refusals < 6) {
          refusals++;
          throw Object.assign(new Error('WhatsApp is not connected'), { kind: 'not_ready' });
        }
        return real.send(chatId, message, meta);
      },
    };
    start(200, 600_000, reconnecting);
    const b = await svc.create(
      { segment: { kind: 'asn_agency', agencyId: opd.id }, templateId: 'Halo {nama}', sendAt: 'now' },
      'admin:test',
    );
    await waitUntil(async () => (await statusOf(b.id)).broadcast.status === 'done', 30_000, 'broadcast done');
    expect((await statusOf(b.id)).counts).toMatchObject({ total: 5, sent: 5, failed: 0, unknown: 0 });
    expect(new Set(api.sent().map((m) => m.chatId)).size).toBe(5);
    expect(api.sent()).toHaveLength(5);
    // Waiting for the channel used none of the recipients' attempts (5 would go in ~15 s): each job finished
    // on its first counted attempt (BullMQ counts the one that completes).
    const queues = createBroadcastQueues({ connection: producer, prefix: `${prefix}-${n}` });
    const done = await queues.telegram.getCompleted();
    await queues.close();
    expect(done).toHaveLength(5);
    expect(done.map((j) => j.attemptsMade)).toEqual([1, 1, 1, 1, 1]);
  });

  it('reports a send whose connection broke after the request left as unknown, and does not send it again', async () => {
    const { opd } = await people(4, 4);
    const real = createTelegramChannel({ token: api.token, apiRoot: api.url });
    // Chat 7001's message reaches Telegram, but the answer never comes back.
    const flaky: ChatChannel = {
      name: 'telegram',
      async send(chatId, message, meta) {
        await real.send(chatId, message, meta);
        if (chatId === '7001')
          throw Object.assign(new Error('socket hang up'), { kind: 'transient', outcomeUnknown: true });
      },
    };
    start(200, 600_000, flaky);
    const b = await svc.create(
      { segment: { kind: 'asn_agency', agencyId: opd.id }, templateId: 'Halo {nama}', sendAt: 'now' },
      'admin:test',
    );
    await waitUntil(async () => (await statusOf(b.id)).broadcast.status === 'done', 30_000, 'broadcast done');
    expect((await statusOf(b.id)).counts).toMatchObject({ total: 4, sent: 3, unknown: 1 });
    const [unknown] = await svc.recipients(b.id, { status: 'unknown' });
    expect(unknown!.reason).toMatch(/send outcome unknown: socket hang up/);
    // One message each: the unknown one was not sent a second time.
    expect(api.sent().filter((m) => m.chatId === '7001')).toHaveLength(1);
    expect(api.sent()).toHaveLength(4);
  });
});
