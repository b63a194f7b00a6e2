import { PassThrough } from 'node:stream';
import type { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import {
  channelAliveKey,
  liveChannels,
  startChannelHeartbeat,
  type ChannelHeartbeat,
} from '../../src/jobs/channel-heartbeat.js';
import { createRedis } from '../../src/jobs/connection.js';
import { createLogger } from '../../src/shared/logger.js';
import { waitUntil } from '../support/processes.js';

/** A real pino logger whose lines are kept, to see what an operator would see. */
function keptLog() {
  const lines: { level: number; msg: string }[] = [];
  const out = new PassThrough();
  out.on('data', (chunk: Buffer) => {
    for (const l of chunk.toString().split('\n').filter(Boolean))
      lines.push(JSON.parse(l) as { level: number; msg: string });
  });
  return {
    logger: createLogger({ level: 'debug', destination: out }),
    warnings: () => lines.filter((l) => l.level >= 40).map((l) => l.msg),
  };
}

const beats: ChannelHeartbeat[] = [];
const conns: Redis[] = [];
afterEach(() => {
  for (const b of beats.splice(0)) b.stop();
  for (const c of conns.splice(0)) c.disconnect();
});

describe('channel heartbeat start-up', () => {
  it('says nothing to the operator when its first beat meets a connection that is not ready yet', async () => {
    const prefix = `t-hb-${process.pid}-${Date.now()}`;
    // Started before the connection is up, as `npm start` does: the first SET is refused (no offline queue).
    const redis = createRedis(inject('redisUrl'), 'producer');
    conns.push(redis);
    const log = keptLog();
    beats.push(startChannelHeartbeat({ redis, prefix, channels: ['web'], logger: log.logger }));
    // Read on a connection of its own, which queues commands until it is up.
    const reader = createRedis(inject('redisUrl'), 'worker');
    conns.push(reader);
    await waitUntil(async () => (await liveChannels(reader, prefix)).has('web'), 5000, 'the web heartbeat');
    expect(log.warnings()).toEqual([]);
    await reader.del(channelAliveKey(prefix, 'web'));
  });

  it('warns once when the beats keep failing past the grace', async () => {
    // Nothing listens on port 1: every beat fails.
    const redis = createRedis('redis://127.0.0.1:1', 'producer');
    conns.push(redis);
    const log = keptLog();
    beats.push(
      startChannelHeartbeat({
        redis,
        prefix: 't-hb-down',
        channels: ['telegram'],
        logger: log.logger,
        warnAfterMs: 1500,
      }),
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect(log.warnings()).toEqual([]);
    await waitUntil(async () => log.warnings().length > 0, 5000, 'the warning');
    await new Promise((r) => setTimeout(r, 1500));
    expect(log.warnings()).toEqual(['broadcast channel heartbeat failing; retrying every second']);
  });
});
