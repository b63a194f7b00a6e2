import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { channelAliveKey } from '../../src/jobs/channel-heartbeat.js';
import { createRedis } from '../../src/jobs/connection.js';
import { connected, linkChat } from '../broadcasts/channel-support.js';
import { makeAgency, makeBuyer } from '../support/fixtures.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let t: TestDb;
let producer: Redis;
let prefix: string;
let n = 0;

beforeEach(async () => {
  t = await createTestDb();
  prefix = `t-cli-preview-${process.pid}-${Date.now()}-${++n}`;
  producer = await connected(createRedis(inject('redisUrl'), 'producer'));
});
afterEach(async () => {
  await producer.del(...(['telegram', 'whatsapp', 'web'] as const).map((c) => channelAliveKey(prefix, c)));
  producer.disconnect();
  await t.cleanup();
});

/** The CLI as an operator runs it; a timeout so that a process that never exits fails the test instead of hanging it. */
function peken(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...t.env, DATA_DIR: t.dir, QUEUE_PREFIX: prefix, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** One OPD: two ASN on WhatsApp, one on Telegram, one without a chat. */
async function opd(): Promise<number> {
  const a = await makeAgency(t.db);
  for (let i = 0; i < 2; i++)
    await linkChat(t.db, 'whatsapp', (await makeBuyer(t.db, { agencyId: a.id })).phone, `wa-${i}`);
  await linkChat(t.db, 'telegram', (await makeBuyer(t.db, { agencyId: a.id })).phone, 'tg-0');
  await makeBuyer(t.db, { agencyId: a.id });
  return a.id;
}

describe('peken broadcast preview and channels no process runs', () => {
  it('prints how many are on a channel without a heartbeat, and nothing of it once every channel runs', async () => {
    const agency = String(await opd());
    const preview = () =>
      peken(
        { REDIS_URL: inject('redisUrl') },
        'broadcast',
        'preview',
        '--segment',
        'asn_agency',
        '--agency',
        agency,
        '--text',
        'Halo {nama}',
      );
    // Telegram runs (its real heartbeat key), WhatsApp does not.
    await producer.set(channelAliveKey(prefix, 'telegram'), new Date().toISOString(), 'PX', 60_000);

    const r = preview();
    expect(r.code).toBe(0);
    expect(r.out).toContain('4 penerima (3 bisa dihubungi, 1 tanpa chat)');
    expect(r.out).toMatch(
      /^2 di antaranya lewat WhatsApp, yang saat ini tidak dijalankan proses mana pun: mereka akan gagal \(channel_offline\) bila kanal itu tetap mati 10 menit/m,
    );

    await producer.set(channelAliveKey(prefix, 'whatsapp'), new Date().toISOString(), 'PX', 60_000);
    const all = preview();
    expect(all.code).toBe(0);
    expect(all.out).toContain('4 penerima (3 bisa dihubungi, 1 tanpa chat)');
    expect(all.out).not.toContain('di antaranya');
  });

  it('still previews, with the offline figure unknown, and exits when Redis does not answer', async () => {
    const agency = String(await opd());
    // Nothing listens on port 1.
    const r = peken(
      { REDIS_URL: 'redis://127.0.0.1:1' },
      'broadcast',
      'preview',
      '--segment',
      'asn_agency',
      '--agency',
      agency,
      '--text',
      'Halo {nama}',
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('4 penerima (3 bisa dihubungi, 1 tanpa chat)');
    expect(r.out).toContain('jumlah penerima di kanal yang tidak berjalan tidak diketahui (Redis tidak menjawab)');
    expect(r.out).toMatch(/\[id\] Halo ASN \d+/);
  });
});
