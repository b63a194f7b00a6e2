import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createChatLocks } from '../../bots/flows/index.js';
import { createSharedStateRedis } from '../../src/redis/shared-state-redis.js';
import { createSharedChatLocks } from '../../src/redis/shared-chat-locks.js';
import { redisRateLimiters } from '../../src/redis/redis-rate-limiter.js';
import { tryLease } from '../../src/redis/lease.js';
import { createRedisWebChatStore } from '../../src/server/web-chat/redis-web-chat-store.js';
import { createWebChatChannel } from '../../src/server/web-chat/web-chat-channel.js';
import { silentLogger } from '../../src/shared/logger.js';

// Two connections stand for two server processes: what one writes, the other must see.
const prefix = `peken-test:shared:${randomUUID()}`;
let a: Redis;
let b: Redis;

beforeAll(async () => {
  a = createSharedStateRedis(inject('redisUrl'));
  b = createSharedStateRedis(inject('redisUrl'));
  // The chat locks skip Redis while their connection is not ready (see the outage test below).
  await Promise.all([a, b].map((r) => (r.status === 'ready' ? null : new Promise((ok) => r.once('ready', ok)))));
});

afterAll(async () => {
  const keys = await a.keys(`${prefix}:*`);
  if (keys.length) await a.del(...keys);
  a.disconnect();
  b.disconnect();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('web chat inbox in Redis', () => {
  it('numbers the messages of one chat once across processes, and the other process reads them in order', async () => {
    const one = createWebChatChannel({ store: createRedisWebChatStore({ redis: a, prefix }) });
    const two = createWebChatChannel({ store: createRedisWebChatStore({ redis: b, prefix }) });
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? one : two).send('web-1', { text: `m${i}` }, { category: 'reply' })),
    );
    const items = await two.poll('web-1', 0);
    expect(items.map((i) => i.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(new Set(items.map((i) => i.message.text)).size).toBe(40);
    expect((await one.poll('web-1', 38)).map((i) => i.seq)).toEqual([39, 40]);
    expect(await one.poll('web-other', 0)).toEqual([]);
  });

  it('keeps the last messages of a chat, with an idle expiry', async () => {
    const store = createRedisWebChatStore({ redis: a, prefix, bounds: { maxPerChat: 3 }, inboxTtlMs: 60_000 });
    for (let i = 0; i < 5; i++) await store.append('web-2', { message: { text: `m${i}` }, category: 'reply' });
    expect((await store.since('web-2', 0)).map((i) => [i.seq, i.message.text])).toEqual([
      [3, 'm2'],
      [4, 'm3'],
      [5, 'm4'],
    ]);
    const ttl = await a.pttl(`${prefix}:web-chat:{web-2}:inbox`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('serves an image from any process, only to the chat it was sent to', async () => {
    const one = createWebChatChannel({ store: createRedisWebChatStore({ redis: a, prefix }) });
    const two = createWebChatChannel({ store: createRedisWebChatStore({ redis: b, prefix }) });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0a, 0x00, 0xff]);
    await one.send('web-3', { text: 'QR', image: { kind: 'png', bytes: png, name: 'qr.png' } });
    const [item] = await two.poll('web-3', 0);
    const id = item!.message.imageUrl!.split('/').pop()!;
    const found = await two.image('web-3', id);
    expect(found?.type).toBe('image/png');
    expect(Buffer.compare(found!.bytes, png)).toBe(0);
    expect(await two.image('web-4', id)).toBeUndefined();
  });
});

describe('chat locks shared through Redis', () => {
  it('never runs two tasks of one chat at once across processes, and lets other chats run meanwhile', async () => {
    const logger = silentLogger();
    const one = createSharedChatLocks({ redis: a, prefix, local: createChatLocks(), logger });
    const two = createSharedChatLocks({ redis: b, prefix, local: createChatLocks(), logger });
    let inside = 0;
    let most = 0;
    const task = async () => {
      inside++;
      most = Math.max(most, inside);
      await sleep(5);
      inside--;
    };
    const t0 = Date.now();
    let otherDoneAt = 0;
    await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => (i % 2 ? one : two).run('web:same', task)),
      two.run('web:other', async () => {
        otherDoneAt = Date.now();
      }),
    ]);
    expect(most).toBe(1);
    expect(otherDoneAt - t0).toBeLessThan(50);
    // Given back: a new holder takes it at once.
    expect(await a.get(`${prefix}:chat-lock:web:same`)).toBeNull();
  });

  it('goes on under the in-process lock when Redis does not answer', async () => {
    const dead = createSharedStateRedis('redis://127.0.0.1:1');
    const locks = createSharedChatLocks({ redis: dead, prefix, local: createChatLocks(), logger: silentLogger() });
    const t0 = Date.now();
    expect(await locks.run('web:x', async () => 'handled')).toBe('handled');
    expect(await locks.run('web:x', async () => 'again')).toBe('again');
    // At once, not after a command timeout per message.
    expect(Date.now() - t0).toBeLessThan(500);
    dead.disconnect();
  });

  it('takes over a chat whose holder died once its lease runs out', async () => {
    // A process that died holding the chat: its lease is no longer renewed.
    await a.set(`${prefix}:chat-lock:web:dead`, 'gone-host:1:x', 'PX', 300);
    const locks = createSharedChatLocks({ redis: b, prefix, local: createChatLocks(), logger: silentLogger() });
    const t0 = Date.now();
    const waited = await locks.run('web:dead', async () => Date.now() - t0);
    expect(waited).toBeGreaterThanOrEqual(250);
    expect(waited).toBeLessThan(2000);
  });

  it('a lease is renewed while held, and given back only by its holder', async () => {
    const key = `${prefix}:lease:renew`;
    const lease = await tryLease(a, key, 150);
    expect(lease).not.toBeNull();
    expect(await tryLease(b, key, 150)).toBeNull();
    await sleep(400);
    expect(await b.get(key)).toBe(lease!.holder);
    await lease!.release();
    expect(await b.get(key)).toBeNull();
  });
});

describe('rate limits in Redis', () => {
  it('counts one address once across processes, and says how long to wait', async () => {
    const limit = { max: 3, windowMs: 60_000 };
    const one = redisRateLimiters({ redis: a, prefix, logger: silentLogger() })('test', limit);
    const two = redisRateLimiters({ redis: b, prefix, logger: silentLogger() })('test', limit);
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await (i % 2 ? one : two).take('10.0.0.1', Date.now()));
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false, false]);
    const refused = results[4]!;
    expect(refused.ok === false && refused.retryAfterMs).toBeGreaterThan(50_000);
    expect((await one.take('10.0.0.2', Date.now())).ok).toBe(true);
  });
});
