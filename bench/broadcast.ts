import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTelegramChannel } from '../bots/telegram/index.js';
import { createBroadcastQueues } from '../src/jobs/queues.js';
import { createBroadcastService } from '../src/broadcasts/broadcast.service.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createRedis } from '../src/jobs/connection.js';
import { startBroadcasting } from '../src/jobs/start-broadcasting.js';
import { createSettingsService } from '../src/settings/settings.service.js';
import { systemClock } from '../src/shared/clock.js';
import { silentLogger } from '../src/shared/logger.js';
import { ensureQuotaRule, insertAgency, insertBuyers, insertChatLinks } from './bench.repository.js';

export interface BroadcastFigures {
  /** Achieved messages per second / the limiter's rate (both at the time scale). Target ≥ 0.95. */
  broadcast_rate_ratio: number;
  broadcast_messages: number;
  /** Wall time from "send now" to the broadcast marked done. */
  broadcast_seconds: number;
}

/**
 * 13,000 broadcast messages through the real path (runner → BullMQ per-channel queue with the limiter →
 * worker marking each recipient in SQLite → grammY → a fake Bot API on loopback). The platform's limit is
 * 30/s; at that pace a run would take seven minutes, so time is scaled: the limiter runs at 30 × scale per
 * second and the achieved rate is compared with that. What is measured is whether the machinery keeps up
 * with its limiter, which is what the ratio says at any scale the worker can sustain.
 */
/** The fake Bot API in a child process (bench/fake-telegram-server.ts), with a way to ask what it received. */
async function startFakeApiProcess() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/fake-telegram-server.ts'], {
    cwd: fileURLToPath(new URL('../', import.meta.url)),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const r = await lines.next();
    if (r.done) throw new Error('bench: the fake Bot API process exited');
    return JSON.parse(r.value) as unknown;
  };
  const { url, token } = (await next()) as { url: string; token: string };
  return {
    url,
    token,
    async stats() {
      child.stdin.write('stats\n');
      return (await next()) as { sent: number; distinct: number; times: number[] };
    },
    async close() {
      const exited = new Promise((r) => child.once('exit', r));
      child.stdin.end();
      await exited;
    },
  };
}

export async function benchBroadcast(
  p: { redisUrl?: string; messages?: number; limit?: number; scale?: number } = {},
): Promise<BroadcastFigures> {
  const redisUrl = p.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const messages = p.messages ?? Number(process.env.BENCH_BROADCAST_MESSAGES ?? 13_000);
  const rate = (p.limit ?? 30) * (p.scale ?? Number(process.env.BENCH_BROADCAST_SCALE ?? 15));
  const dir = mkdtempSync(join(tmpdir(), 'peken-bench-bc-'));
  const prefix = `bench-bc-${process.pid}-${Date.now()}`;
  const handle = openDatabase({ file: join(dir, 'peken.db') });
  const api = await startFakeApiProcess();
  const producer = createRedis(redisUrl, 'producer');
  try {
    const db = handle.db;
    await migrateToLatest(db);
    const settings = createSettingsService({ db, clock: systemClock });
    // The bench runs at any hour: no quiet hours in its own database.
    await settings.set('quiet_hours', { start: '00:00', end: '00:00' }, 'bench');
    const agencyId = await insertAgency(db, 'BENCH', 'Bench');
    await ensureQuotaRule(db, 'staf', 500_000);
    const at = new Date().toISOString();
    const people = Array.from({ length: messages }, (_, i) => ({
      nip: `1990010120150${String(i).padStart(5, '0')}`,
      name: `ASN ${i}`,
      phone: `+62813${String(i).padStart(8, '0')}`,
      agency_id: agencyId,
      position_class: 'staf',
      domicile_kelurahan: '35.78.07.1003',
      office_kelurahan: '35.78.07.1003',
      created_at: at,
      updated_at: at,
    }));
    for (let i = 0; i < people.length; i += 500) await insertBuyers(db, people.slice(i, i + 500));
    const links = people.map((x, i) => ({
      channel: 'telegram' as const,
      chat_id: String(1_000_000 + i),
      phone: x.phone,
      role: null,
      shop_id: null,
      linked_at: at,
    }));
    for (let i = 0; i < links.length; i += 500) await insertChatLinks(db, links.slice(i, i + 500));

    const broadcasts = createBroadcastService({ db, clock: systemClock, settings, channels: ['telegram'] });
    const running = startBroadcasting({
      db,
      clock: systemClock,
      settings,
      broadcasts,
      logger: silentLogger(),
      prefix,
      producer,
      connect: () => createRedis(redisUrl, 'worker'),
      channels: { telegram: createTelegramChannel({ token: api.token, apiRoot: api.url }) },
      telegramRatePerSecond: rate,
      concurrency: 32,
      pollMs: 100,
      repairMs: 600_000,
      schedules: false,
    });
    const t0 = performance.now();
    const b = await broadcasts.create(
      {
        segment: { kind: 'asn_agency', agencyId },
        templateId: 'Halo {nama}, sisa kuota {sisa_kuota}, {sisa_hari} hari lagi',
        sendAt: 'now',
      },
      'bench',
    );
    for (;;) {
      const s = await broadcasts.status(b.id);
      if (s.broadcast.status === 'done') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const seconds = (performance.now() - t0) / 1000;
    await running.close();
    const stats = await api.stats();
    const sends = stats.times.sort((a, b) => a - b);
    const received = stats.sent;
    if (received !== messages || stats.distinct !== messages)
      throw new Error(`bench: ${received} messages to ${stats.distinct} chats arrived, expected ${messages}`);
    // The limiter hands out `rate` messages per 1-second window, from the first send; the last window is
    // counted whole (conservative: a perfect limiter scores n/rate ÷ ceil(n/rate), just under 1).
    const window = (sends[sends.length - 1]! - sends[0]!) / 1000 + 1;
    const queues = createBroadcastQueues({ connection: producer, prefix });
    await Promise.all(
      [queues.telegram, queues.whatsapp, queues.web].map((q) => q.obliterate({ force: true }).catch(() => {})),
    );
    await queues.close();
    return {
      broadcast_rate_ratio: Math.round((received / window / rate) * 1000) / 1000,
      broadcast_messages: received,
      broadcast_seconds: Math.round(seconds * 10) / 10,
    };
  } finally {
    producer.disconnect();
    await api.close();
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// `node --import tsx bench/broadcast.ts` runs it alone.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  benchBroadcast().then(
    (f) => {
      console.log(JSON.stringify(f));
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
