import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Core } from '../../src/app/core.js';
import { broadcastJobId } from '../../src/broadcasts/broadcast.jobs.js';
import { createBroadcastQueues } from '../../src/jobs/queues.js';
import { createBroadcastRunner, type BroadcastRunner } from '../../src/jobs/broadcast-runner.js';
import { claimForSending } from '../../src/broadcasts/broadcast.repository.js';
import { createBroadcastService, type BroadcastService } from '../../src/broadcasts/broadcast.service.js';
import { channelAliveKey, liveChannels } from '../../src/jobs/channel-heartbeat.js';
import { createRedis } from '../../src/jobs/connection.js';
import { createSettingsService } from '../../src/settings/settings.service.js';
import { ManualClock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/logger.js';
import { makeAgency, makeBuyer } from '../support/fixtures.js';
import { waitUntil } from '../support/processes.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { broadcastProcess, clearRedis, connected, linkChat, recordingChannel } from './channel-support.js';

let t: TestDb;
let clock: ManualClock;
let producer: Redis;
let svc: BroadcastService;
let queues: ReturnType<typeof createBroadcastQueues>;
let runner: BroadcastRunner | null;
const cores: Core[] = [];
let prefix: string;
let n = 0;

const OLDER = '2026-10-01T00:00:00.000Z';
const NEWER = '2026-11-01T00:00:00.000Z';

beforeEach(async () => {
  t = await createTestDb();
  clock = new ManualClock('2026-11-20T03:00:00.000Z');
  prefix = `t-bc-choice-${process.pid}-${Date.now()}-${++n}`;
  producer = await connected(createRedis(inject('redisUrl'), 'producer'));
  svc = createBroadcastService({
    db: t.db,
    clock,
    settings: createSettingsService({ db: t.db, clock }),
    liveChannels: () => liveChannels(producer, prefix),
  });
  queues = createBroadcastQueues({ connection: producer, prefix });
  runner = null;
});
afterEach(async () => {
  await runner?.stop();
  for (const c of cores.splice(0)) await c.close();
  await queues.close();
  await clearRedis(producer, prefix);
  producer.disconnect();
  await t.cleanup();
});

function startRunner(offlineGraceMs: number): void {
  runner = createBroadcastRunner({
    db: t.db,
    clock,
    settings: createSettingsService({ db: t.db, clock }),
    broadcasts: svc,
    queues,
    logger: silentLogger(),
    pollMs: 50,
    offlineGraceMs,
  });
  runner.start();
}

async function serve(channels: Parameters<typeof broadcastProcess>[0]['channels']) {
  const core = await broadcastProcess({ database: t.location, redisUrl: inject('redisUrl'), prefix, clock, channels });
  cores.push(core);
  return core;
}

/** A channel marked alive with a real heartbeat key, as a process would, but with no worker taking its jobs. */
const fakeAlive = (channel: 'telegram' | 'whatsapp' | 'web') =>
  producer.set(channelAliveKey(prefix, channel), new Date().toISOString(), 'PX', 600_000);

/** One ASN of the OPD, linked to the chats given as [channel, chat id, linked at]; returns the phone. */
async function person(
  agencyId: number,
  chats: Array<['telegram' | 'whatsapp' | 'web', string, string]>,
): Promise<string> {
  const { phone } = await makeBuyer(t.db, { agencyId });
  for (const [channel, chatId, at] of chats) await linkChat(t.db, channel, phone, chatId, at);
  return phone;
}

const rowOf = (broadcastId: number, phone: string) =>
  t.db
    .selectFrom('broadcast_recipients')
    .select(['id', 'channel', 'chat_id', 'status', 'reason'])
    .where('broadcast_id', '=', broadcastId)
    .where('phone', '=', phone)
    .executeTakeFirstOrThrow();

describe("which of a person's chats a broadcast uses", () => {
  it('sends on an older chat whose channel a process runs rather than on a newer one no process runs', async () => {
    const opd = await makeAgency(t.db);
    const phone = await person(opd.id, [
      ['telegram', 'tg-old', OLDER],
      ['whatsapp', 'wa-new', NEWER],
    ]);
    const telegram = recordingChannel('telegram');
    await serve({ telegram });
    await waitUntil(
      async () => (await liveChannels(producer, prefix)).has('telegram'),
      10_000,
      'the Telegram heartbeat',
    );
    // A grace far longer than the test: only the choice at start can get this message out.
    startRunner(600_000);
    const b = await svc.create(
      { segment: { kind: 'asn_agency', agencyId: opd.id }, templateId: 'Halo {nama}', sendAt: 'now' },
      'admin:test',
    );

    await waitUntil(
      async () => (await svc.status(b.id)).broadcast.status === 'done',
      15_000,
      'broadcast done on Telegram',
    );
    expect(telegram.sent.map((s) => s.chatId)).toEqual(['tg-old']);
    expect(await rowOf(b.id, phone)).toMatchObject({
      channel: 'telegram',
      chat_id: 'tg-old',
      status: 'sent',
      reason: null,
    });
  });

  it('moves recipients queued on a channel dead past the grace to their chat on a live one, fails those without, and leaves one in flight alone', async () => {
    const GRACE = 2000;
    const opd = await makeAgency(t.db);
    // All three start on Telegram: it is live (a heartbeat, no worker) and their most recent chat.
    const moves = await person(opd.id, [
      ['telegram', 'tg-a', NEWER],
      ['whatsapp', 'wa-a', OLDER],
    ]);
    const stays = await person(opd.id, [['telegram', 'tg-b', NEWER]]);
    const inFlight = await person(opd.id, [
      ['telegram', 'tg-c', NEWER],
      ['whatsapp', 'wa-c', OLDER],
    ]);
    await fakeAlive('telegram');
    const whatsapp = recordingChannel('whatsapp');
    await serve({ whatsapp });
    await waitUntil(
      async () => (await liveChannels(producer, prefix)).has('whatsapp'),
      10_000,
      'the WhatsApp heartbeat',
    );
    const b = await svc.create(
      { segment: { kind: 'asn_agency', agencyId: opd.id }, templateId: 'Halo {nama}', sendAt: 'now' },
      'admin:test',
    );
    startRunner(GRACE);
    await waitUntil(
      async () =>
        (await svc.status(b.id)).counts.queued === 3 && (await queues.telegram.getJobCounts('waiting')).waiting === 3,
      10_000,
      'three queued on Telegram',
    );
    const first = await rowOf(b.id, moves);
    expect(first).toMatchObject({ channel: 'telegram', chat_id: 'tg-a' });
    // A Telegram worker took this one and died mid-send: whether it left is unknown, so it must not go twice.
    const c = await rowOf(b.id, inFlight);
    await t.db.updateTable('broadcast_recipients').set({ status: 'sending' }).where('id', '=', c.id).execute();
    // The Telegram process stops for good.
    await producer.del(channelAliveKey(prefix, 'telegram'));
    const offlineAt = Date.now();

    await waitUntil(
      async () => (await rowOf(b.id, moves)).status === 'sent' && (await rowOf(b.id, stays)).status === 'failed',
      20_000,
      'moved one sent, the other failed',
    );
    expect(Date.now() - offlineAt).toBeGreaterThanOrEqual(GRACE);
    expect(whatsapp.sent.map((s) => s.chatId)).toEqual(['wa-a']);
    expect(await rowOf(b.id, moves)).toMatchObject({
      channel: 'whatsapp',
      chat_id: 'wa-a',
      status: 'sent',
      reason: null,
    });
    expect(await rowOf(b.id, stays)).toMatchObject({
      channel: 'telegram',
      status: 'failed',
      reason: 'channel_offline',
    });
    // Its Telegram job went; the in-flight one's stays, for repair to report.
    expect(await queues.telegram.getJob(broadcastJobId(first.id))).toBeUndefined();
    // Another grace later the in-flight one is still where it was, never sent on WhatsApp.
    await new Promise((r) => setTimeout(r, GRACE + 500));
    expect(await rowOf(b.id, inFlight)).toMatchObject({ channel: 'telegram', chat_id: 'tg-c', status: 'sending' });
    expect(whatsapp.sent.map((s) => s.chatId)).toEqual(['wa-a']);
  });

  it('does not let a worker of the old channel claim a recipient moved away from it', async () => {
    const opd = await makeAgency(t.db);
    const phone = await person(opd.id, [
      ['telegram', 'tg-a', NEWER],
      ['whatsapp', 'wa-a', OLDER],
    ]);
    await fakeAlive('telegram');
    const b = await svc.create(
      { segment: { kind: 'asn_agency', agencyId: opd.id }, templateId: 'Halo {nama}', sendAt: 'now' },
      'admin:test',
    );
    expect(await svc.start(b.id)).toBe(1);
    const r = await rowOf(b.id, phone);
    expect(r.channel).toBe('telegram');

    expect(await svc.moveToLiveChats(b.id, 'telegram', new Set(['whatsapp']))).toEqual([
      { id: r.id, channel: 'whatsapp' },
    ]);
    const at = clock.now().toISOString();
    // A Telegram worker that read the row before the move.
    expect(await claimForSending(t.db, r.id, ['queued'], 'telegram', at)).toBe(false);
    expect(await claimForSending(t.db, r.id, ['queued'], 'whatsapp', at)).toBe(true);
  });
});
