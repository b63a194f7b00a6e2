import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createRedisLastSeen } from '../../bots/whatsapp/index.js';

// Real Redis, a prefix of our own: tests never mock it, and never touch another run's keys.
const prefix = `peken-test:wa-last-seen:${randomUUID()}:`;
let redis: Redis;

beforeAll(() => {
  redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null, lazyConnect: false });
});

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

describe('Redis last-seen store', () => {
  it('returns null for a chat that never wrote', async () => {
    const store = createRedisLastSeen({ redis, prefix });
    expect(await store.get('6280000000000@c.us')).toBeNull();
  });

  it('remembers when a chat last wrote, under the prefix, with a TTL', async () => {
    const store = createRedisLastSeen({ redis, prefix, ttlMs: 60_000 });
    const at = new Date('2025-03-03T02:00:00.123Z');
    await store.touch('6281234567890@c.us', at);
    expect(await store.get('6281234567890@c.us')).toEqual(at);
    const ttl = await redis.pttl(`${prefix}6281234567890@c.us`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('keeps the latest touch and is shared by two stores on the same prefix', async () => {
    const gateway = createRedisLastSeen({ redis, prefix });
    const worker = createRedisLastSeen({ redis, prefix });
    await gateway.touch('123456789012345@lid', new Date('2025-03-03T01:00:00Z'));
    await gateway.touch('123456789012345@lid', new Date('2025-03-03T02:00:00Z'));
    expect(await worker.get('123456789012345@lid')).toEqual(new Date('2025-03-03T02:00:00Z'));
  });

  it('forgets a chat once its record expires', async () => {
    const store = createRedisLastSeen({ redis, prefix, ttlMs: 50 });
    await store.touch('6289999999999@c.us', new Date());
    await new Promise((r) => setTimeout(r, 120));
    expect(await store.get('6289999999999@c.us')).toBeNull();
  });
});
