import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../app/core.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { findOrder } from '../orders/order.repository.js';
import { ManualClock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import { periodStart } from '../shared/period.js';
import { seededRandom } from '../shared/random.js';
import { createBuyerAgent } from './buyer-agent.js';
import { createFaultyApi, startChatApi } from './chat-api.js';
import { chooseScale } from './choose-scale.js';
import { buildCity } from './city.js';
import { simCoreOptions } from './core-options.js';
import { createDriver } from './create-driver.js';
import type { SimDriver } from './driver.js';
import { createEventLoop } from './event-loop.js';
import { createFaultInjector } from './faults.js';
import { earlyStop, type EarlyStop } from './early-stop.js';
import { createKeepUpWatch } from './lag-watch.js';
import { createDeadlineWatch, type DeadlineWatchReport } from './deadline-watch.js';
import { createNoticeRouter } from './notice-router.js';
import { collectFigures, round, type Figures } from './report.js';
import { createShopAgent } from './shop-agent.js';
import type { SimOptions } from './sim-options.js';
import type { ListingPolicy } from '../shops/listing-policy.js';
import type { AreaPolicy } from '../areas/area-policy.js';
import { createSettingsService } from '../settings/settings.service.js';
import { startSimRedis } from './sim-redis.js';
import { anyOrderIn, countExpiredNotDelivered, countInReview } from './sim.repository.js';
import { DAY, MINUTE, type VirtualTime } from './virtual-time.js';
import { createWorkerPool } from './worker-pool.js';
import { toWorkerEnv } from './worker-env.js';

/**
 * Virtual days after the ordering window at which a run is cut off. An order placed at the window's end can
 * take the whole chain of its deadlines in opening hours (06:00–21:00 by default): the shop's answer (120
 * open minutes), an accepted order never delivered (1,440), or a delivery up to 8 hours later never paid
 * (1,440 more, then the review list): about 3,000 open minutes, four days with the nights.
 */
const CUT_OFF_DAYS = 4;

/** The simulated month: a fixed one, so that a seed gives the same calendar (weekdays, 31 days). */
export const SIM_PERIOD = '2026-01';

export interface SimResult {
  listing: ListingPolicy;
  /** The run's area policy (the setting `area_policy`): which shops a buyer may order from. */
  area: AreaPolicy;
  driver: string;
  seed: number;
  buyers: number;
  shops: number;
  days: number;
  scale: number;
  elapsedSeconds: number;
  ordersPerSecond: number;
  figures: Figures;
  faults: {
    workersKilled: number;
    redisRestarts: number;
    duplicatesDelivered: number;
    duplicatesAnswered: number;
    chatApiFailures: number;
    noticesDeliveredTwice: number;
  };
  lag: { events: number; maxLagMinutes: number; p95LagMinutes: number; agentErrors: number };
  lateAnswers: number;
  /** Issue 14: holds past their state's deadline plus one sweep (sampled during the run), and the lapses that test it. */
  deadlines: DeadlineWatchReport & {
    neverDelivered: number;
    neverPaid: number;
    /** Active shops that accept and never deliver: the shops-helped figure can reach at most the others. */
    shopsNeverDeliver: number;
    expiredNotDelivered: number;
    inReview: number;
  };
  /** Agents or orders still busy CUT_OFF_DAYS virtual days after the ordering window, where the run is cut off. */
  cutOffAtDeadline: boolean;
  /** Null when the run kept up with its clock to the end; why and when it stopped otherwise. */
  stoppedEarly: EarlyStop | null;
}

/**
 * One month of the city through the real pipeline: a fresh database and Redis, worker processes on the
 * shared virtual clock, agents acting on the event loop, faults injected, figures read at the end.
 */
export async function runSimulation(o: SimOptions & { listing: ListingPolicy; logger: Logger }): Promise<SimResult> {
  const t0 = Date.now();
  const dir = o.dataDir ? join(o.dataDir, `sim-${o.listing}-${o.seed}`) : mkdtempSync(join(tmpdir(), 'peken-sim-'));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const databaseFile = join(dir, 'peken.db');
  const start = periodStart(SIM_PERIOD).getTime();

  // The city is built before the clock starts, so that seeding does not eat into the month.
  const seeding = openDatabase({ file: databaseFile });
  await migrateToLatest(seeding.db);
  const seedClock = new ManualClock(new Date(start - DAY));
  const city = await buildCity(seeding.db, { clock: seedClock, buyers: o.buyers, shops: o.shops, seed: o.seed });
  // The run's policies are the city's settings, as an admin would set them: the chat's listing reads them.
  const seedSettings = createSettingsService({ db: seeding.db, clock: seedClock });
  await seedSettings.set('listing_policy', o.listing, 'simulation');
  if (o.area) await seedSettings.set('area_policy', o.area, 'simulation');
  const area = await seedSettings.get('area_policy');
  await seeding.close();

  const scale = o.scale > 0 ? o.scale : chooseScale({ buyers: o.buyers, days: o.days, driver: o.driver });
  const orderUntil = start + o.days * DAY;
  const redis = await startSimRedis();
  const loopRef: { now: () => number } = { now: () => start };
  // Set once the core is up; notices arrive only after the workers start, which is later.
  const lateness: { notice?: (orderId: string, now: number) => void } = {};
  const router = createNoticeRouter({
    now: () => loopRef.now(),
    onNewOrderNotice: (orderId, now) => lateness.notice?.(orderId, now),
  });
  const api = createFaultyApi({
    random: seededRandom(o.seed + 17),
    faults: o.faults.flakyChat ? { failRate: 0.04, failAfterDeliveryRate: 0.01, maxLatencyMs: 4 } : null,
  });
  // With the engine driver the chat layer lives in the driver, which exists only once the core does.
  const chatLayer: { driver?: SimDriver } = {};
  const chatApi = await startChatApi({
    api,
    onNotice: (call) => router.notice(call),
    onDeliver: (n) => {
      const deliver = chatLayer.driver?.deliver;
      if (!deliver) return Promise.reject(new Error('the chat layer is not up yet'));
      return deliver(n);
    },
  });
  // Workers need a moment to boot; the month starts when they are up.
  const time: VirtualTime = { start, scale, wallStart: Date.now() + 3000 };
  loopRef.now = () => time.start + (Date.now() - time.wallStart) * time.scale;
  const queuePrefix = `sim-${process.pid}-${o.listing}`;
  const core = await createCore(
    simCoreOptions({
      databaseFile,
      redisUrl: redis.url,
      queuePrefix,
      time,
      logger: o.logger,
      workers: false,
      concurrency: 16,
    }),
  );
  // Behind: new-order notices or agents' actions a median of half the shop reminder time late (15 virtual
  // minutes by default) for the grace in real seconds. That late, answers that would have come before the
  // reminder come after it, and slow ones after the expiry: the month no longer says what the city does.
  const limitMinutes = o.maxLagMinutes ?? (await core.settings.get('shop_reminder_minutes')) / 2;
  const watch = createKeepUpWatch({ limitMs: limitMinutes * MINUTE, graceMs: o.lagGraceSeconds * 1000 });
  lateness.notice = (orderId, now) => {
    const realAt = Date.now();
    findOrder(core.db, orderId)
      .then((row) => {
        if (row?.reserved_at) watch.notice(realAt, now - Date.parse(row.reserved_at));
      })
      .catch(() => {});
  };
  const pool = createWorkerPool({
    size: o.workers,
    env: toWorkerEnv({
      databaseFile,
      redisUrl: redis.url,
      queuePrefix,
      time,
      chatApiUrl: chatApi.url,
      driver: o.driver,
      concurrency: 16,
      notifySenders: 2,
      holdDelayMs: o.holdDelayMs,
    }),
  });
  await pool.start();

  const loop = createEventLoop({
    time,
    concurrency: 64,
    onError: (e) => o.logger.warn({ err: String(e) }, 'agent action failed'),
    onLag: (lagMs) => watch.agent(Date.now(), lagMs),
  });
  const driver = await createDriver({
    kind: o.driver,
    core,
    city,
    area,
    listing: o.listing,
    seed: o.seed,
    duplicateRate: o.faults.duplicateUpdates ? 0.03 : 0,
    api,
    onNotice: (n) => router.notice(n),
  });
  chatLayer.driver = driver;
  const outcomes = { lateAnswers: 0, neverDelivered: 0, neverPaid: 0 };
  // Issue 14: no hold outlives its state's deadline by more than the sweep that follows it (deadline-watch.ts).
  const deadlines = createDeadlineWatch({
    db: core.db,
    settings: core.settings,
    clock: core.clock,
    lastPass: () => core.sweeper.lastPass(),
  });
  // Active shops whose keeper never delivers: none of their orders completes, whatever the listing does.
  let shopsNeverDeliver = 0;
  for (const shop of city.shops) {
    const agent = createShopAgent({
      shop,
      seed: o.seed,
      loop,
      driver,
      outcomes,
      lapses: o.lapses,
      buyerConfirms: async (orderId, r) => {
        const placed = router.order(orderId);
        return placed ? driver.confirmReceived(placed.buyer.buyer, placed.order, r) : false;
      },
      onAnswered: () => {},
    });
    if (shop.active && agent.neverDelivers) shopsNeverDeliver++;
    router.addShop(agent);
  }
  const cancelRate = 0.05;
  for (const buyer of city.buyers) {
    createBuyerAgent({
      buyer,
      seed: o.seed,
      loop,
      driver,
      start,
      orderUntil,
      cancelRate,
      onPlaced: (p, agent) => router.placed(p, agent),
    }).begin();
  }

  const windowRealMs = (orderUntil - start) / scale;
  const faults = createFaultInjector({
    pool,
    redis,
    random: seededRandom(o.seed + 31),
    logger: o.logger,
    kill: o.faults.killWorkers,
    redisRestart: o.faults.redisRestart,
    expectedRealMs: windowRealMs,
  });
  faults.start();

  // Done when the ordering window is over, no agent has anything planned and every order is final; or,
  // at the latest, CUT_OFF_DAYS virtual days later (what is still open then is reported, not hidden).
  let done = false;
  let cutOffAtDeadline = false;
  let stoppedEarly: EarlyStop | null = null;
  const openStatuses = ['submitted', 'reserved', 'accepted', 'delivered'] as const;
  const checker = setInterval(() => {
    void (async () => {
      const now = loopRef.now();
      await deadlines.sample().catch(() => {});
      const behind = watch.check(Date.now());
      if (behind && o.stopOnLag && !done) {
        stoppedEarly = earlyStop(behind, {
          listing: o.listing,
          day: Math.floor((now - start) / DAY) + 1,
          limitMinutes,
          scale,
        });
        done = true;
        return;
      }
      if (now < orderUntil) return;
      if (now > orderUntil + CUT_OFF_DAYS * DAY) {
        cutOffAtDeadline = true;
        done = true;
        return;
      }
      if (loop.pending > 0) return;
      // An order on the admins' review list waits for an admin, not for the simulated people.
      if (!(await anyOrderIn(core.db, [...openStatuses], { notInReview: true }))) done = true;
    })().catch(() => {});
  }, 500);
  await loop.run(() => done);
  clearInterval(checker);
  const elapsedMs = Date.now() - t0;
  // The agents plan nothing more; what they were saying finishes before the core closes under them.
  await loop.settle(5000);

  await faults.stop();
  // Stopped mid-month or cut off: orders acknowledged just before the stop are still on their way to the
  // ledger. The workers run on until each is reserved or refused, so that "none lost" judges the pipeline,
  // not the stop (a cut-off run is reported as such all the same).
  if (stoppedEarly || cutOffAtDeadline) await untilNoneSubmitted(core.db, 30_000);
  await pool.stop();
  await core.sweeper.sweep();
  const figures = await collectFigures(core.db, core.settings, SIM_PERIOD);
  const expiredNotDelivered = await countExpiredNotDelivered(core.db);
  const inReview = await countInReview(core.db);
  const lag = loop.stats();
  const result: SimResult = {
    listing: o.listing,
    area,
    driver: driver.name,
    seed: o.seed,
    buyers: city.buyers.length,
    shops: city.shops.length,
    days: o.days,
    scale,
    elapsedSeconds: round(elapsedMs / 1000, 1),
    ordersPerSecond: round(figures.orders / (elapsedMs / 1000), 1),
    figures,
    faults: {
      workersKilled: faults.stats.workersKilled,
      redisRestarts: faults.stats.redisRestarts,
      duplicatesDelivered: driver.duplicatesDelivered(),
      duplicatesAnswered: driver.duplicatesAnswered(),
      chatApiFailures: api.stats.failed,
      noticesDeliveredTwice: router.stats().repeats,
    },
    lag: {
      events: lag.events,
      maxLagMinutes: round(lag.maxLagMs / 60_000, 1),
      p95LagMinutes: round(lag.p95LagMs / 60_000, 1),
      agentErrors: lag.errors,
    },
    lateAnswers: outcomes.lateAnswers,
    deadlines: {
      ...deadlines.report,
      neverDelivered: outcomes.neverDelivered,
      neverPaid: outcomes.neverPaid,
      shopsNeverDeliver,
      expiredNotDelivered,
      inReview,
    },
    cutOffAtDeadline,
    stoppedEarly,
  };
  await driver.close?.();
  await core.close();
  await chatApi.close();
  await redis.stop();
  if (!o.dataDir) rmSync(dir, { recursive: true, force: true });
  return result;
}

/** Waits (at most `timeoutMs`) until no order is `submitted`; what is left then counts as stuck. */
async function untilNoneSubmitted(db: Core['db'], timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (!(await anyOrderIn(db, ['submitted']))) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}
