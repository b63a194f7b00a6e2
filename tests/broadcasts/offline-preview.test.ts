import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Core } from '../../src/app/core.js';
import { createBroadcastService } from '../../src/broadcasts/broadcast.service.js';
import { channelAliveKey, liveChannels, startChannelHeartbeat } from '../../src/jobs/channel-heartbeat.js';
import { createRedis } from '../../src/jobs/connection.js';
import { ManualClock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/logger.js';
import { createSettingsService } from '../../src/settings/settings.service.js';
import { adminWorld, json, signInDashboard } from '../admin/support.js';
import { makeAgency, makeBuyer } from '../support/fixtures.js';
import { waitUntil } from '../support/processes.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { broadcastProcess, clearRedis, connected, linkChat, recordingChannel } from './channel-support.js';

let t: TestDb;
let producer: Redis;
let prefix: string;
const cores: Core[] = [];
let n = 0;

beforeEach(async () => {
  t = await createTestDb();
  prefix = `t-bc-preview-${process.pid}-${Date.now()}-${++n}`;
  producer = await connected(createRedis(inject('redisUrl'), 'producer'));
});
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  await clearRedis(producer, prefix);
  producer.disconnect();
  await t.cleanup();
});

async function serve(channels: Parameters<typeof broadcastProcess>[0]['channels']) {
  const core = await broadcastProcess({
    database: t.location,
    redisUrl: inject('redisUrl'),
    prefix,
    clock: new ManualClock('2026-11-20T03:00:00.000Z'),
    channels,
  });
  cores.push(core);
  return core;
}

describe('the broadcast preview and channels no process runs', () => {
  it('counts the people on a channel without a live process (API and dashboard), and none once a process for it runs', async () => {
    const opd = await makeAgency(t.db, { name: 'Dinas Kominfo' });
    for (let i = 0; i < 3; i++)
      await linkChat(t.db, 'whatsapp', (await makeBuyer(t.db, { agencyId: opd.id })).phone, `wa-${i}`);
    for (let i = 0; i < 2; i++)
      await linkChat(t.db, 'telegram', (await makeBuyer(t.db, { agencyId: opd.id })).phone, `tg-${i}`);
    await makeBuyer(t.db, { agencyId: opd.id });
    // `npm start` with Telegram and without WhatsApp: its service is the one the dashboard and API use.
    const main = await serve({ telegram: recordingChannel('telegram') });
    const w = await adminWorld(t.db, { broadcasts: main.broadcasts });
    const segment = { kind: 'asn_agency', agencyId: opd.id } as const;
    const apiPreview = async () =>
      (await (
        await w.asAdmin('/api/broadcasts/preview', { method: 'POST', ...json({ segment, templateId: 'Halo {nama}' }) })
      ).json()) as Record<string, unknown>;

    await waitUntil(
      async () => (await liveChannels(producer, prefix)).has('telegram'),
      10_000,
      'the Telegram heartbeat',
    );
    expect(await apiPreview()).toMatchObject({
      count: 6,
      reachable: 5,
      unreachable: 1,
      offline: 3,
      offlineChannels: ['whatsapp'],
    });
    const s = await signInDashboard(w, w.people.admin.phone);
    const form = {
      kind: 'asn_agency',
      agencyId: String(opd.id),
      kecamatan: '',
      templateId: 'Halo {nama}',
      templateEn: '',
    };
    const page = await (await s.post('/dashboard/broadcasts/preview', form)).text();
    expect(page).toMatch(/<strong>6<\/strong> penerima · 5 bisa dihubungi · 1 tanpa chat/);
    expect(page).toMatch(
      /id="offline"><strong>3<\/strong> di antaranya lewat WhatsApp, yang saat ini tidak dijalankan proses mana pun/,
    );
    expect(page).toContain('channel_offline');

    // The WhatsApp gateway (`npm run whatsapp`) starts.
    await serve({ whatsapp: recordingChannel('whatsapp') });
    await waitUntil(async () => (await apiPreview()).offline === 0, 10_000, 'no one offline');
    expect(await apiPreview()).toMatchObject({ count: 6, reachable: 5, offline: 0, offlineChannels: [] });
    expect(await (await s.post('/dashboard/broadcasts/preview', form)).text()).not.toContain('id="offline"');
  });

  it('counts as offline only the people with no chat on a live channel, whichever chat is their most recent', async () => {
    const clock = new ManualClock('2026-11-20T03:00:00.000Z');
    const svc = createBroadcastService({
      db: t.db,
      clock,
      settings: createSettingsService({ db: t.db, clock }),
      liveChannels: () => liveChannels(producer, prefix),
    });
    const opd = await makeAgency(t.db);
    // Newest chat on WhatsApp, an older one on Telegram: sent on Telegram, so not offline while Telegram runs.
    const both = (await makeBuyer(t.db, { agencyId: opd.id })).phone;
    await linkChat(t.db, 'telegram', both, 'tg-both', '2026-10-01T00:00:00.000Z');
    await linkChat(t.db, 'whatsapp', both, 'wa-both', '2026-11-01T00:00:00.000Z');
    await linkChat(t.db, 'whatsapp', (await makeBuyer(t.db, { agencyId: opd.id })).phone, 'wa-only');
    await linkChat(t.db, 'telegram', (await makeBuyer(t.db, { agencyId: opd.id })).phone, 'tg-only');
    const preview = () => svc.preview({ segment: { kind: 'asn_agency', agencyId: opd.id }, templateId: 'Halo {nama}' });

    await producer.set(channelAliveKey(prefix, 'telegram'), new Date().toISOString(), 'PX', 60_000);
    expect(await preview()).toMatchObject({ count: 3, reachable: 3, offline: 1, offlineChannels: ['whatsapp'] });
    // No channel runs: everyone is offline, each on their most recent chat's channel.
    await producer.del(channelAliveKey(prefix, 'telegram'));
    expect(await preview()).toMatchObject({
      count: 3,
      reachable: 3,
      offline: 3,
      offlineChannels: ['telegram', 'whatsapp'],
    });
  });

  it('keeps a channel live while its heartbeat runs, and lets it lapse after the TTL once stopped', async () => {
    const beat = startChannelHeartbeat({
      redis: producer,
      prefix,
      channels: ['web'],
      logger: silentLogger(),
      ttlMs: 600,
      everyMs: 200,
    });
    await waitUntil(async () => (await liveChannels(producer, prefix)).has('web'), 5000, 'the web heartbeat');
    // Three TTLs later it is still there: the refreshes kept it.
    await new Promise((r) => setTimeout(r, 1800));
    expect([...(await liveChannels(producer, prefix))]).toEqual(['web']);
    beat.stop();
    await waitUntil(async () => (await liveChannels(producer, prefix)).size === 0, 5000, 'the key to run out');
  });
});
