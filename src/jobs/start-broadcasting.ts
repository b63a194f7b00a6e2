import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ChannelName, ChatChannel } from '../chat/ports.js';
import { createBroadcastQueues } from './queues.js';
import { createBroadcastRunner, type BroadcastRunner } from './broadcast-runner.js';
import type { BroadcastService } from '../broadcasts/broadcast.service.js';
import { createBroadcastWorker } from './workers/broadcast.js';
import type { Db } from '../db/database.js';
import { createOpenOrdersReport } from '../orders/open-orders.js';
import type { SettingsService } from '../settings/settings.service.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import { createScheduler, type Scheduler } from './scheduler.js';

export interface BroadcastingOptions {
  db: Db;
  clock: Clock;
  settings: SettingsService;
  broadcasts: BroadcastService;
  logger: Logger;
  prefix: string;
  /** Makes worker connections (maxRetriesPerRequest: null); one per worker. */
  connect: () => Redis;
  producer: Redis;
  /** The channels running in this process: one worker each. */
  channels: Partial<Record<ChannelName, ChatChannel>>;
  /** Telegram messages per second (BullMQ limiter, global over processes). WhatsApp paces itself. */
  telegramRatePerSecond: number;
  concurrency?: number;
  lockDurationMs?: number;
  pollMs?: number;
  repairMs?: number;
  /** Run the cron schedulers (morning prompt, reminders, summary) too. */
  schedules?: boolean;
}

export interface Broadcasting {
  runner: BroadcastRunner;
  scheduler: Scheduler | null;
  workers: Worker[];
  close(): Promise<void>;
}

/** The broadcast side of a worker process: the runner loop, one paced worker per channel, the schedulers. */
export function startBroadcasting(o: BroadcastingOptions): Broadcasting {
  const queues = createBroadcastQueues({ connection: o.producer, prefix: o.prefix });
  const runner = createBroadcastRunner({
    db: o.db,
    clock: o.clock,
    settings: o.settings,
    broadcasts: o.broadcasts,
    queues,
    logger: o.logger,
    pollMs: o.pollMs,
    repairMs: o.repairMs,
  });
  const workers: Worker[] = [];
  const connections: Redis[] = [];
  for (const channel of Object.values(o.channels)) {
    if (!channel) continue;
    const connection = o.connect();
    connections.push(connection);
    workers.push(
      createBroadcastWorker({
        connection,
        prefix: o.prefix,
        db: o.db,
        clock: o.clock,
        settings: o.settings,
        channel,
        logger: o.logger,
        ratePerSecond: channel.name === 'telegram' ? o.telegramRatePerSecond : undefined,
        // WhatsApp's channel sends one at a time with its own gaps; more at once would only queue inside it.
        concurrency: channel.name === 'whatsapp' ? 1 : (o.concurrency ?? 8),
        lockDurationMs: o.lockDurationMs,
      }) as Worker,
    );
  }
  let scheduler: Scheduler | null = null;
  if (o.schedules !== false) {
    const connection = o.connect();
    connections.push(connection);
    const openOrders = createOpenOrdersReport({ db: o.db, clock: o.clock });
    scheduler = createScheduler({
      broadcasts: o.broadcasts,
      settings: o.settings,
      clock: o.clock,
      openOrders,
      connection,
      producer: o.producer,
      prefix: o.prefix,
      logger: o.logger,
    });
    scheduler.start();
  }
  runner.start();
  return {
    runner,
    scheduler,
    workers,
    async close() {
      await runner.stop();
      await scheduler?.stop();
      await Promise.all(workers.map((w) => w.close()));
      await queues.close();
      for (const c of connections) c.disconnect();
    },
  };
}
