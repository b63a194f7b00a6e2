import type { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ChannelName, ChatChannel } from '../chat/ports.js';
import type { BroadcastService } from '../broadcasts/broadcast.service.js';
import { liveChannels, startChannelHeartbeat, type ChannelHeartbeat } from '../jobs/channel-heartbeat.js';
import { createLiveChannels } from '../chat/live-channels.js';
import { startBroadcasting, type Broadcasting } from '../jobs/start-broadcasting.js';
import { openDatabaseAt, type OpenedDatabase } from '../db/open.js';
import { migrateToLatest } from '../db/migrate.js';
import type { NotificationDelivery } from '../notify/delivery.js';
import { noDelivery } from '../notify/delivery.js';
import { createNotifyWorker } from '../jobs/workers/notify.js';
import { noticePaces } from '../jobs/notice-pace.js';
import { noticePriority } from '../jobs/notice-priority.js';
import { notifyJobId } from '../notify/notify.jobs.js';
import type { OrderService } from '../orders/order.service.js';
import { createOutboxDispatcher, type OutboxDispatcher } from '../jobs/outbox-dispatcher.js';
import { createSweeper, type Sweeper } from '../jobs/sweeper.js';
import { splitTelegramRate } from '../jobs/telegram-budget.js';
import { createRedis } from '../jobs/connection.js';
import { createOrderWorker } from '../jobs/workers/order.js';
import {
  createNotifyQueues,
  createQueues,
  ensureNotifyJob,
  NOTIFY_CHANNELS,
  type NotifyQueues,
  type Queues,
} from '../jobs/queues.js';
import type { SettingsService } from '../settings/settings.service.js';
import { buildServices, type Services, type ServicesDeps } from './services.js';
import { systemClock, type Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';

export interface CoreOptions {
  /** A SQLite file, or a postgres:// URL (DATABASE_URL): src/db/open.ts. */
  database: string;
  redisUrl: string;
  queuePrefix: string;
  workerConcurrency: number;
  workerLockMs: number;
  sweepIntervalMs: number;
  telegramRatePerSecond: number;
  /** WHATSAPP_INTERVAL_MS: WhatsApp notices are paced at one per interval (notice-pace.ts). */
  whatsappIntervalMs?: number;
  logger: Logger;
  clock?: Clock;
  /** Run the order and notify workers in this process. */
  workers: boolean;
  /** Outbox poll interval; the dispatcher is also poked after every write. */
  outboxIntervalMs?: number;
  /** How long an order may wait for its job before the sweeper re-sends it. */
  sweepGraceMs?: number;
  /** Milliseconds to stall inside each hold transaction (crash tests and the simulation only). */
  faultHoldDelayMs?: number;
  /** Broadcasts: channels enabled anywhere in the deployment (default all), runner pace, schedulers on/off. */
  broadcasts?: {
    channels?: readonly ChannelName[];
    pollMs?: number;
    repairMs?: number;
    concurrency?: number;
    schedules?: boolean;
  };
  /** Dashboard sign-in and session knobs of the services (src/app/services.ts). */
  services?: Pick<ServicesDeps, 'login' | 'sessionIdleMs' | 'newWebChatLimit' | 'rateLimiters'>;
}

/** Everything below the adapters: database, services, queues, outbox, sweeper and (optionally) workers. */
export interface Core {
  db: OpenedDatabase['db'];
  database: OpenedDatabase;
  clock: Clock;
  logger: Logger;
  /** Every domain service, built once (src/app/services.ts); `settings`, `orders`, `broadcasts` are among them. */
  services: Services;
  settings: SettingsService;
  orders: OrderService;
  queues: Queues;
  /** One notify queue per chat channel (src/jobs/queues.ts). */
  notifyQueues: NotifyQueues;
  producer: Redis;
  dispatcher: OutboxDispatcher;
  sweeper: Sweeper;
  broadcasts: BroadcastService;
  /**
   * The channels some process runs now (cached a few seconds; null when Redis cannot say): the listing shows
   * only shops with a contact linked on one of them (src/chat/live-channels.ts).
   */
  liveChannels(): Promise<ReadonlySet<ChannelName> | null>;
  /**
   * Starts the workers (when enabled) with the given delivery for notifications. `channels`: the chat
   * channels this process has, whose notify queues it takes from (default all); `orders: false` leaves the
   * order jobs to other processes (the WhatsApp gateway); `unrouted: false` leaves the plain notify queue.
   */
  startWorkers(delivery?: NotificationDelivery, opts?: WorkerSelection): void;
  workers: Worker[];
  /** Stops intake first, lets running jobs finish, then closes Redis and the database. */
  close(): Promise<void>;
}

export interface WorkerSelection {
  channels?: readonly ChannelName[];
  orders?: boolean;
  unrouted?: boolean;
  /** The channels this process sends broadcasts through (one paced worker each); the broadcast runner and schedulers start in any case. */
  broadcastChannels?: Partial<Record<ChannelName, ChatChannel>>;
}

export async function createCore(o: CoreOptions): Promise<Core> {
  const clock = o.clock ?? systemClock;
  const database = openDatabaseAt(o.database, {
    onIdleError: (err) =>
      o.logger.warn({ err: err.message }, 'an idle database connection ended; the pool opens another'),
  });
  await migrateToLatest(database.db);
  const db = database.db;
  const producer = createRedis(o.redisUrl, 'producer');
  const queues = createQueues({ connection: producer, prefix: o.queuePrefix });
  // The dispatcher needs the service and the service pokes the dispatcher: tie the knot with a late binding.
  let dispatcher: OutboxDispatcher | null = null;
  const delay = o.faultHoldDelayMs ?? 0;
  const faults = delay > 0 ? { insideHold: () => new Promise<void>((r) => setTimeout(r, delay)) } : undefined;
  let served: ChannelName[] = [];
  const live = createLiveChannels({ read: () => liveChannels(producer, o.queuePrefix), local: () => served });
  // The heartbeat tells the preview, and the runner (which reads it through the broadcast service), which
  // channels a process sends now; a channel none does fails its recipients after a grace (broadcast-runner.ts).
  const services = buildServices({
    db,
    clock,
    orders: { faults, onOutbox: () => dispatcher?.poke() },
    liveChannels: () => live.get(),
    broadcasts: { channels: o.broadcasts?.channels, liveChannels: () => liveChannels(producer, o.queuePrefix) },
    ...o.services,
  });
  const { settings, orders, broadcasts } = services;
  const notifyQueues = createNotifyQueues({ connection: producer, prefix: o.queuePrefix });
  dispatcher = createOutboxDispatcher({ db, queues, notifyQueues, clock, logger: o.logger });
  const sweeper = createSweeper({ db, queues, orders, clock, logger: o.logger, graceMs: o.sweepGraceMs });
  dispatcher.start(o.outboxIntervalMs ?? 1000);
  sweeper.start(o.sweepIntervalMs);
  void dispatcher.flush();

  let broadcasting: Broadcasting | null = null;
  let heartbeat: ChannelHeartbeat | null = null;
  const workers: Worker[] = [];
  const workerConnections: Redis[] = [];
  const core: Core = {
    db,
    database,
    clock,
    logger: o.logger,
    services,
    settings,
    orders,
    queues,
    notifyQueues,
    producer,
    dispatcher,
    sweeper,
    broadcasts,
    liveChannels: () => live.get(),
    workers,
    startWorkers(delivery = noDelivery, sel = {}) {
      if (!o.workers) return;
      const connection = () => {
        const c = createRedis(o.redisUrl, 'worker');
        workerConnections.push(c);
        return c;
      };
      if (sel.orders !== false) {
        workers.push(
          createOrderWorker({
            connection: connection(),
            prefix: o.queuePrefix,
            orders,
            logger: o.logger,
            concurrency: o.workerConcurrency,
            lockDuration: o.workerLockMs,
          }),
        );
      }
      const forward = async (id: number, channel: ChannelName, template: string) => {
        await ensureNotifyJob(notifyQueues.forChannel(channel) as Queue, id, notifyJobId(id), noticePriority(template));
      };
      const telegramRate = splitTelegramRate(o.telegramRatePerSecond);
      // Each channel's notices at that channel's own pace (notice-pace.ts).
      const paces = noticePaces({
        telegramRatePerSecond: o.telegramRatePerSecond,
        whatsappIntervalMs: o.whatsappIntervalMs,
      });
      const notify = { prefix: o.queuePrefix, db, delivery, clock, logger: o.logger, forward };
      if (sel.unrouted !== false)
        workers.push(
          createNotifyWorker({
            ...notify,
            connection: connection(),
            ratePerSecond: paces.unrouted.max,
            concurrency: paces.unrouted.concurrency,
          }),
        );
      for (const channel of sel.channels ?? NOTIFY_CHANNELS) {
        workers.push(
          createNotifyWorker({
            ...notify,
            connection: connection(),
            channel,
            ratePerSecond: paces[channel].max,
            concurrency: paces[channel].concurrency,
          }),
        );
      }
      broadcasting = startBroadcasting({
        db,
        clock,
        settings,
        broadcasts,
        logger: o.logger,
        prefix: o.queuePrefix,
        producer,
        channels: sel.broadcastChannels ?? {},
        telegramRatePerSecond: telegramRate.broadcast,
        connect: connection,
        lockDurationMs: o.workerLockMs,
        pollMs: o.broadcasts?.pollMs,
        repairMs: o.broadcasts?.repairMs,
        concurrency: o.broadcasts?.concurrency,
        schedules: o.broadcasts?.schedules,
      });
      served = Object.entries(sel.broadcastChannels ?? {})
        .filter(([, ch]) => ch)
        .map(([name]) => name as ChannelName);
      heartbeat = startChannelHeartbeat({ redis: producer, prefix: o.queuePrefix, channels: served, logger: o.logger });
    },
    async close() {
      await sweeper.stop();
      await dispatcher!.stop();
      // Worker.close() waits for the jobs in progress to finish.
      await Promise.all(workers.map((w) => w.close()));
      heartbeat?.stop();
      await broadcasting?.close();
      await queues.close();
      await notifyQueues.close();
      for (const c of [...workerConnections, producer]) c.disconnect();
      await database.close();
    },
  };
  return core;
}
