import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { APOLOGY_TEXT, readWhatsAppStatus, watchWhatsAppStatus } from '../../bots/whatsapp/index.js';
import { createWhatsApp, whatsappKeys } from '../../src/app/whatsapp.js';
import { ConfigError } from '../../src/config/config.js';
import { createHealthCheck } from '../../src/server/health.js';
import { makeBuyer } from '../support/fixtures.js';
import { waitUntil } from '../support/processes.js';
import { exclusiveKeys, redisExclusive } from '../../src/redis/exclusive.js';
import { createSharedStateRedis } from '../../src/redis/shared-state-redis.js';
import { createLogger } from '../../src/shared/logger.js';
import { FakeWhatsAppClient } from './fake-whatsapp-client.js';
import { gatewayWorld } from './gateway-world.js';

let world: Awaited<ReturnType<typeof gatewayWorld>> | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('the WhatsApp part of the composition root', () => {
  it('stops with one clear line when Chromium is missing, before anything starts', async () => {
    world = await gatewayWorld();
    const build = () =>
      createWhatsApp({
        config: {
          dataDir: world!.t.dir,
          queuePrefix: 'x',
          whatsapp: {
            enabled: true,
            chromiumPath: '/no/such/chromium',
            intervalMs: 2000,
            jitterMs: 1000,
            restartHours: 0,
          },
        },
        core: world!.core,
        handler: { handle: async () => [] },
      });
    expect(build).toThrow(ConfigError);
    expect(build).toThrow(/^WhatsApp needs Chromium: none found at \/no\/such\/chromium\. .*WHATSAPP_CHROMIUM_PATH\.$/);
    try {
      build();
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('keeps the session folder under DATA_DIR/whatsapp and publishes its state for a dashboard in another process', async () => {
    world = await gatewayWorld();
    const w = world;
    expect(existsSync(join(w.t.dir, 'whatsapp'))).toBe(true);
    const key = whatsappKeys(w.prefix).status;
    await waitUntil(
      async () => (await readWhatsAppStatus(w.core.producer, key))?.state === 'ready',
      5000,
      'ready published',
    );

    const watcher = watchWhatsAppStatus({ redis: w.core.producer, key, intervalMs: 50 });
    w.client().emit('disconnected', 'LOGOUT');
    await waitUntil(async () => w.clients.length > 1, 5000, 'a new client');
    w.client().emit('qr', 'PAIRING-PAYLOAD');
    await waitUntil(async () => watcher.current()?.state === 'qr', 5000, 'qr seen by the watcher');
    expect(watcher.current()).toMatchObject({ state: 'qr', qr: 'PAIRING-PAYLOAD', restarts: 1 });

    // /healthz shows the state but never the pairing QR (it needs no sign-in).
    const health = await createHealthCheck({ db: w.db, redis: w.core.producer, whatsapp: () => w.wa.status() })();
    expect(health).toMatchObject({ status: 'ok', whatsapp: { state: 'qr', restarts: 1 } });
    expect(JSON.stringify(health)).not.toContain('PAIRING-PAYLOAD');

    await w.wa.stop();
    expect(await readWhatsAppStatus(w.core.producer, key)).toBeNull();
    await watcher.refresh();
    expect(watcher.current()).toBeNull();
    watcher.stop();
  });

  it('reports no WhatsApp on /healthz when no gateway runs', async () => {
    world = await gatewayWorld();
    const health = await createHealthCheck({ db: world.db, redis: world.core.producer, whatsapp: () => null })();
    expect(health.status).toBe('ok');
    expect(health).not.toHaveProperty('whatsapp');
  });

  it('on shutdown stops handing messages to the engine and asks people to write again shortly', async () => {
    world = await gatewayWorld();
    const w = world;
    await makeBuyer(w.db, { phone: '+6281234577100' });
    const person = w.person('6281234577100@c.us');
    expect(await person.say('halo')).toContain('Halo');
    await w.wa.stopIntake();
    expect(await person.say('menu')).toBe(APOLOGY_TEXT);
    // The engine never saw it: nothing recorded for that message.
    const processed = await w.db.selectFrom('processed_messages').select('message_id').execute();
    expect(processed).toHaveLength(1);
  });
});

describe('one WhatsApp gateway per number', () => {
  it('a second gateway for the same number refuses with a clear line naming the first; another number may run', async () => {
    world = await gatewayWorld();
    const w = world;
    let out = '';
    const logger = createLogger({
      level: 'info',
      destination: new Writable({ write: (c, _e, done) => done(void (out += c)) }),
    });
    const shared = createSharedStateRedis(inject('redisUrl'));
    const part = (number: string) =>
      createWhatsApp({
        config: {
          dataDir: w.t.dir,
          queuePrefix: w.prefix,
          whatsapp: { enabled: true, number, chromiumPath: '/x', intervalMs: 5, jitterMs: 2, restartHours: 0 },
        },
        core: { ...w.core, logger },
        handler: { handle: async () => [] },
        createClient: () => new FakeWhatsAppClient(),
        exclusive: redisExclusive({ redis: shared, key: exclusiveKeys(w.prefix).whatsappGateway(number) }),
        claimWaitMs: 300,
      });
    try {
      const first = part('+6281200000001');
      expect(await first.claim()).toBe(true);
      expect(await part('+6281200000001').claim()).toBe(false);
      // The number as the logger masks phones; the holder as host:pid:lease.
      expect(out).toMatch(/another gateway runs for \+62\*+001 \([^)]+:\d+:[0-9a-f]+\); one process per number/);
      expect(await part('+6281200000002').claim()).toBe(true);
      // The first one stopping frees the number at once.
      await first.stop();
      expect(await part('+6281200000001').claim()).toBe(true);
    } finally {
      const keys = await shared.keys(`${w.prefix}:wa:gateway:*`);
      if (keys.length) await shared.del(...keys);
      shared.disconnect();
    }
  });
});
