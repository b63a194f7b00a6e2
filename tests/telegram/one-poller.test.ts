import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createTelegram, type Telegram } from '../../bots/telegram/index.js';
import { createUpdateInbox } from '../../src/chat/update-inbox.js';
import { redisExclusive } from '../../src/redis/exclusive.js';
import { createSharedStateRedis } from '../../src/redis/shared-state-redis.js';
import { systemClock } from '../../src/shared/clock.js';
import { startFakeTelegramApi, type FakeTelegramApi } from '../support/fake-telegram-api.js';
import { flowWorld } from '../support/flow-fixtures.js';
import { waitUntil } from '../support/processes.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

// Telegram lets one process long-poll a bot (a second gets 409 and both lose updates): with several server
// processes in polling mode, one polls and the others wait politely (README "More than one machine").
let t: TestDb;
let api: FakeTelegramApi;
let redis: Redis;
const key = `peken-test:poller:${randomUUID()}`;
const bots: Telegram[] = [];

beforeEach(async () => {
  t = await createTestDb();
  api = await startFakeTelegramApi();
  redis = createSharedStateRedis(inject('redisUrl'));
});
afterEach(async () => {
  await Promise.all(bots.splice(0).map((b) => b.stop()));
  await redis.del(key);
  redis.disconnect();
  await api.close();
  await t.cleanup();
});

function poller(lines: string[]) {
  const log = (_fields: object, message: string) => void lines.push(message);
  const bot = createTelegram({
    token: api.token,
    apiRoot: api.url,
    handler: flowWorld(t.db).engine,
    dataDir: t.dir,
    logger: { debug: () => {}, info: log, warn: log, error: log },
    inbox: createUpdateInbox({ db: t.db, clock: systemClock, channel: 'telegram' }),
    pollerLock: redisExclusive({ redis, key, ttlMs: 3000 }),
    pollerWaitMs: 100,
  });
  bots.push(bot);
  return bot;
}

describe('one Telegram poller per deployment', () => {
  it('a second process waits, saying so once, without calling Telegram; it takes over when the first stops', async () => {
    const first: string[] = [];
    const second: string[] = [];
    const a = poller(first);
    expect(await a.start()).toBe(true);
    const polls = () => api.calls.filter((c) => c.method === 'getUpdates').length;
    const b = poller(second);
    let bOn = false;
    void b.start().then((on) => (bOn = on));
    await waitUntil(
      async () => second.some((l) => l.includes('another process polls this bot')),
      5000,
      'the wait said',
    );
    const callsBefore = api.calls.filter((c) => c.method === 'deleteWebhook').length;
    await new Promise((r) => setTimeout(r, 500));
    expect(bOn).toBe(false);
    expect(second.filter((l) => l.includes('another process polls this bot'))).toHaveLength(1);
    // The waiting process did not touch the bot (a deleteWebhook or a getUpdates would be its first call).
    expect(api.calls.filter((c) => c.method === 'deleteWebhook').length).toBe(callsBefore);
    await a.stop();
    bots.splice(bots.indexOf(a), 1);
    const whenStopped = polls();
    await waitUntil(async () => bOn, 5000, 'the second process polling');
    expect(second.some((l) => l.includes('this process polls now'))).toBe(true);
    await waitUntil(async () => polls() > whenStopped, 5000, 'getUpdates from the second process');
  }, 30_000);
});
