import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createBroadcastService } from '../../src/broadcasts/broadcast.service.js';
import { createBroadcastQueues } from '../../src/jobs/queues.js';
import { createRedis } from '../../src/jobs/connection.js';
import { createSettingsService } from '../../src/settings/settings.service.js';
import { systemClock } from '../../src/shared/clock.js';
import { startFakeTelegramApi } from '../support/fake-telegram-api.js';
import { makeAgency, makeQuotaRule } from '../support/fixtures.js';
import { waitUntil } from '../support/processes.js';
import { createTestDb } from '../support/test-db.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

function spawnBroadcastWorker(env: Record<string, string>) {
  // `node --import tsx` (not the tsx CLI), so that SIGKILL hits the process that sends.
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/broadcasts/worker-entry.ts'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    output: () => out,
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

const RECIPIENTS = 2000;
const CONCURRENCY = 8;

describe('a broadcast worker killed midway', () => {
  it(
    'after SIGKILL and restart: no chat gets two messages, every reachable person but the few unknown gets one, counts match Telegram',
    { timeout: 150_000 },
    async () => {
      const t = await createTestDb();
      cleanups.push(() => t.cleanup());
      const api = await startFakeTelegramApi();
      cleanups.push(() => api.close());
      const prefix = `t-bc-crash-${process.pid}-${Date.now()}`;
      const producer = createRedis(inject('redisUrl'), 'producer');
      cleanups.push(async () => {
        const queues = createBroadcastQueues({ connection: producer, prefix });
        await Promise.all(
          [queues.telegram, queues.whatsapp, queues.web].map((q) => q.obliterate({ force: true }).catch(() => {})),
        );
        await queues.close();
        producer.disconnect();
      });

      // 2,000 ASN of one OPD, each linked to a Telegram chat (100000 + i).
      const opd = await makeAgency(t.db);
      await makeQuotaRule(t.db, { positionClass: 'staf' });
      const at = '2026-11-01T00:00:00.000Z';
      const rows = Array.from({ length: RECIPIENTS }, (_, i) => ({
        nip: `19900101201501${String(1000 + i).padStart(4, '0')}`,
        name: `ASN ${i}`,
        phone: `+6281355${String(i).padStart(6, '0')}`,
        agency_id: opd.id,
        position_class: 'staf',
        domicile_kelurahan: '35.78.07.1003',
        office_kelurahan: '35.78.07.1003',
        created_at: at,
        updated_at: at,
      }));
      for (let i = 0; i < rows.length; i += 200)
        await t.db
          .insertInto('buyers')
          .values(rows.slice(i, i + 200))
          .execute();
      const links = rows.map((r, i) => ({
        channel: 'telegram' as const,
        chat_id: String(100000 + i),
        phone: r.phone,
        role: null,
        shop_id: null,
        linked_at: at,
      }));
      for (let i = 0; i < links.length; i += 300)
        await t.db
          .insertInto('chat_links')
          .values(links.slice(i, i + 300))
          .execute();

      // Every 50th chat blocked the bot (403); every 150th send is told to wait a second (429); each send
      // takes a few milliseconds, so that some are in flight when the worker dies.
      const blockedChats = new Set(links.filter((_, i) => i % 50 === 7).map((l) => l.chat_id));
      let sends = 0;
      api.intercept(async (method, params) => {
        if (method !== 'sendMessage') return undefined;
        await new Promise((r) => setTimeout(r, 5));
        if (blockedChats.has(String(params.chat_id)))
          return { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' };
        if (++sends % 150 === 0)
          return {
            ok: false,
            error_code: 429,
            description: 'Too Many Requests: retry after 1',
            parameters: { retry_after: 1 },
          };
        return undefined;
      });

      const settings = createSettingsService({ db: t.db, clock: systemClock });
      const svc = createBroadcastService({ db: t.db, clock: systemClock, settings, channels: ['telegram'] });
      // Quiet hours must not hold this test back whatever the time of day.
      await settings.set('quiet_hours', { start: '00:00', end: '00:00' }, 'test');
      const env = {
        ...t.env,
        REDIS_URL: inject('redisUrl'),
        QUEUE_PREFIX: prefix,
        WORKER_LOCK_MS: '1500',
        TELEGRAM_RATE_PER_S: '150',
        TELEGRAM_BOT_TOKEN: api.token,
        TELEGRAM_API_ROOT: api.url,
        BROADCAST_CONCURRENCY: String(CONCURRENCY),
      };
      let worker = spawnBroadcastWorker(env);
      cleanups.push(() => worker.kill());
      const b = await svc.create(
        {
          segment: { kind: 'asn_agency', agencyId: opd.id },
          templateId: 'Halo {nama}: batas belanja bulan ini',
          sendAt: 'now',
        },
        'admin:test',
      );

      await waitUntil(
        async () => api.sent().length >= 700,
        60_000,
        `700 sent before the kill (worker output: ${worker.output()})`,
      );
      await worker.kill('SIGKILL');
      const atKill = await svc.status(b.id);
      expect(atKill.counts.sent).toBeLessThan(RECIPIENTS - 200);

      worker = spawnBroadcastWorker(env);
      await waitUntil(
        async () => (await svc.status(b.id)).broadcast.status === 'done',
        90_000,
        `done after restart (worker output: ${worker.output()})`,
      );
      const { counts } = await svc.status(b.id);
      const recipients = await t.db
        .selectFrom('broadcast_recipients')
        .select(['chat_id', 'status'])
        .where('broadcast_id', '=', b.id)
        .execute();
      const statusByChat = new Map(recipients.map((r) => [r.chat_id!, r.status]));
      const received = api.sent().map((m) => m.chatId);
      const receivedOnce = new Set(received);

      // No chat received two messages.
      expect(received.length).toBe(receivedOnce.size);
      // Every reachable recipient except those reported unknown received exactly one; the blocked none.
      for (const [chat, status] of statusByChat) {
        if (blockedChats.has(chat)) expect(status === 'blocked' || status === 'unknown').toBe(true);
        else if (status !== 'unknown') {
          expect(status).toBe('sent');
          expect(receivedOnce.has(chat)).toBe(true);
        }
      }
      // Unknown: at most what was in flight when the worker died.
      expect(counts.unknown).toBeLessThanOrEqual(CONCURRENCY);
      // The report matches what Telegram received: every `sent` was received, and what else was received is
      // among the unknown (sent by Telegram's side just as the worker died).
      const receivedNotSent = received.filter((c) => statusByChat.get(c) !== 'sent');
      expect(receivedNotSent.every((c) => statusByChat.get(c) === 'unknown')).toBe(true);
      expect(received.length - receivedNotSent.length).toBe(counts.sent);
      expect(counts).toMatchObject({ total: RECIPIENTS, queued: 0, sending: 0, failed: 0, cancelled: 0 });
      expect(counts.sent + counts.blocked + counts.unknown).toBe(RECIPIENTS);
      expect(counts.blocked).toBeGreaterThanOrEqual(blockedChats.size - counts.unknown);
      // The 429s were waited out, not counted as failures.
      expect(api.calls.filter((c) => c.method === 'sendMessage').length).toBeGreaterThan(
        received.length + counts.blocked,
      );
      console.info(
        `crash test: sent at kill ${atKill.counts.sent}; final sent ${counts.sent}, blocked ${counts.blocked}, unknown ${counts.unknown}, received ${received.length}, 429s ${api.calls.filter((c) => c.method === 'sendMessage').length - received.length - counts.blocked}`,
      );
      await worker.kill('SIGTERM');
    },
  );
});
