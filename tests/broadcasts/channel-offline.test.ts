import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Core } from '../../src/app/core.js';
import { createBroadcastQueues } from '../../src/jobs/queues.js';
import { createBroadcastRunner, type BroadcastRunner } from '../../src/jobs/broadcast-runner.js';
import { createBroadcastService, type BroadcastService } from '../../src/broadcasts/broadcast.service.js';
import { liveChannels } from '../../src/jobs/channel-heartbeat.js';
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

beforeEach(async () => {
  t = await createTestDb();
  // 10:00 WIB on a weekday, far from quiet hours; the grace runs on real time, not on this clock.
  clock = new ManualClock('2026-11-20T03:00:00.000Z');
  prefix = `t-bc-offline-${process.pid}-${Date.now()}-${++n}`;
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

/** This test's runner, with a grace short enough to watch; the processes' own runners keep the 10 minutes. */
function startRunner(offlineGraceMs: number): number {
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
  const startedAt = Date.now();
  runner.start();
  return startedAt;
}

async function serve(channels: Parameters<typeof broadcastProcess>[0]['channels']) {
  const core = await broadcastProcess({ database: t.location, redisUrl: inject('redisUrl'), prefix, clock, channels });
  cores.push(core);
  return core;
}

/** ASN of one OPD, `counts[channel]` of them with their chat on that channel (chat ids `${channel}-${i}`). */
async function people(counts: Partial<Record<'telegram' | 'whatsapp' | 'web', number>>) {
  const opd = await makeAgency(t.db);
  for (const [channel, count] of Object.entries(counts) as Array<['telegram' | 'whatsapp' | 'web', number]>) {
    for (let i = 0; i < count; i++)
      await linkChat(t.db, channel, (await makeBuyer(t.db, { agencyId: opd.id })).phone, `${channel}-${i}`);
  }
  return opd;
}

const byChannel = (id: number) =>
  t.db
    .selectFrom('broadcast_recipients')
    .select(['channel', 'status', 'reason'])
    .where('broadcast_id', '=', id)
    .orderBy('id')
    .execute();

describe('recipients on a channel no process runs', () => {
  it('stay queued through the grace, then fail with channel_offline while the others are sent, and the broadcast ends done', async () => {
    const GRACE = 4000;
    const opd = await people({ telegram: 4, whatsapp: 3 });
    const telegram = recordingChannel('telegram');
    await serve({ telegram });
    const b = await svc.create(
      { segment: { kind: 'asn_agency', agencyId: opd.id }, templateId: 'Halo {nama}', sendAt: 'now' },
      'admin:test',
    );
    const startedAt = startRunner(GRACE);

    await waitUntil(async () => telegram.sent.length === 4, 15_000, 'the Telegram recipients sent');
    const during = await byChannel(b.id);
    const readAt = Date.now();
    // Read before the grace could have passed (the runner saw WhatsApp offline no earlier than its start).
    expect(readAt - startedAt).toBeLessThan(GRACE);
    expect(during.filter((r) => r.channel === 'whatsapp')).toEqual(
      Array(3).fill({ channel: 'whatsapp', status: 'queued', reason: null }),
    );
    expect((await svc.status(b.id)).broadcast.status).toBe('sending');

    await waitUntil(async () => (await svc.status(b.id)).broadcast.status === 'done', 20_000, 'broadcast done');
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(GRACE);
    const after = await byChannel(b.id);
    expect(after.filter((r) => r.channel === 'whatsapp')).toEqual(
      Array(3).fill({ channel: 'whatsapp', status: 'failed', reason: 'channel_offline' }),
    );
    expect(after.filter((r) => r.channel === 'telegram').map((r) => r.status)).toEqual([
      'sent',
      'sent',
      'sent',
      'sent',
    ]);
    expect((await svc.status(b.id)).counts).toMatchObject({ total: 7, sent: 4, failed: 3, queued: 0, sending: 0 });
    // Their jobs no longer wait for a WhatsApp worker.
    expect(await queues.whatsapp.getJobCounts('waiting', 'delayed', 'prioritized')).toEqual({
      waiting: 0,
      delayed: 0,
      prioritized: 0,
    });
  });

  it('lose nobody when a worker for the channel starts within the grace, even if it is still sending when the grace would have run out', async () => {
    const GRACE = 3000;
    // WhatsApp comes back (a gateway restart); web chat has no process here at all, so its two fail.
    const opd = await people({ whatsapp: 5, web: 2 });
    const b = await svc.create(
      { segment: { kind: 'asn_agency', agencyId: opd.id }, templateId: 'Halo {nama}', sendAt: 'now' },
      'admin:test',
    );
    const startedAt = startRunner(GRACE);
    await waitUntil(async () => (await svc.status(b.id)).counts.queued === 7, 10_000, 'recipients queued');
    await new Promise((r) => setTimeout(r, 1000));
    // One message at a time, 700 ms each: the last ones are still queued when the first grace would end.
    const whatsapp = recordingChannel('whatsapp', 700);
    await serve({ whatsapp });

    await waitUntil(async () => (await svc.status(b.id)).broadcast.status === 'done', 30_000, 'broadcast done');
    expect(whatsapp.sent.map((s) => s.chatId).sort()).toEqual([
      'whatsapp-0',
      'whatsapp-1',
      'whatsapp-2',
      'whatsapp-3',
      'whatsapp-4',
    ]);
    expect(Math.max(...whatsapp.sent.map((s) => s.at))).toBeGreaterThan(startedAt + GRACE);
    const rows = await byChannel(b.id);
    expect(rows.filter((r) => r.channel === 'whatsapp').map((r) => r.status)).toEqual(Array(5).fill('sent'));
    expect(rows.filter((r) => r.channel === 'web')).toEqual(
      Array(2).fill({ channel: 'web', status: 'failed', reason: 'channel_offline' }),
    );
  });
});
