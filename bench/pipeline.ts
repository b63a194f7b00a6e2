import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import { createCore } from '../src/app/core.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { ledger } from '../src/ledger/index.js';
import { holdsPerSecond } from './holds.js';
import { createRedis } from '../src/jobs/connection.js';
import { silentLogger } from '../src/shared/logger.js';
import { seedDemo } from '../src/demo/seed-demo.js';
import { systemClock } from '../src/shared/clock.js';
import {
  activeShopIds,
  anySubmitted,
  buyerIds,
  countNotifications,
  ordersTimes,
  productsCheaperThan,
  untrackAllStock,
} from './bench.repository.js';

export interface PipelineFigures {
  orders: number;
  /** Jobs each worker (order and bare) processes at once. */
  concurrency: number;
  orders_per_s: number;
  p50_ms: number;
  p99_ms: number;
  bare_jobs_per_s: number;
  ratio: number;
  /**
   * CPU per order while the pipeline runs: this process's (place, dispatch, reserve, notices) and the
   * Redis server's. Both share the machine's cores, so together they bound orders_per_s; Redis's figure
   * also counts whatever else uses that server meanwhile.
   */
  node_cpu_us_per_order: number;
  redis_cpu_us_per_order: number;
  /** The same for a bare job: what BullMQ itself costs, the part of an order no pipeline can avoid. */
  bare_node_cpu_us_per_job: number;
  bare_redis_cpu_us_per_job: number;
  /**
   * Cores the pipeline kept busy (this process and Redis together). Near the machine's core count, the
   * order rate is bounded by the CPU an order costs, not by waiting.
   */
  cores_busy: number;
  ledger_holds_per_s: number;
  refused: number;
}

/** The Redis server's CPU seconds so far (INFO cpu). */
export async function redisCpuSeconds(redis: ReturnType<typeof createRedis>): Promise<number> {
  const info = await redis.info('cpu');
  const field = (k: string) => Number(new RegExp(`^${k}:([0-9.]+)`, 'm').exec(info)?.[1] ?? 0);
  return field('used_cpu_user') + field('used_cpu_sys');
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** Orders through the real pipeline: order service → outbox → BullMQ → worker hold → notification recorded. */
async function pipeline(redisUrl: string, n: number, concurrency: number) {
  const dir = mkdtempSync(join(tmpdir(), 'peken-bench-'));
  const prefix = `bench-${process.pid}-${Date.now()}`;
  const monitor = createRedis(redisUrl, 'worker');
  const core = await createCore({
    database: join(dir, 'peken.db'),
    redisUrl,
    queuePrefix: prefix,
    workerConcurrency: concurrency,
    workerLockMs: 30_000,
    sweepIntervalMs: 600_000,
    outboxIntervalMs: 50,
    telegramRatePerSecond: 100,
    logger: silentLogger(),
    workers: true,
  });
  try {
    await seedDemo(core.db, { clock: systemClock, buyers: 1000, shopsPerKind: 40 });
    await core.settings.set('area_policy', 'city', 'bench');
    const shops = await activeShopIds(core.db);
    const products = await productsCheaperThan(core.db, 100_000);
    const byShop = new Map<number, number>();
    for (const p of products) if (!byShop.has(p.shop_id)) byShop.set(p.shop_id, p.id);
    const buyers = await buyerIds(core.db);
    const usable = shops.filter((s) => byShop.has(s.id));
    // Unlimited stock, so that every order exercises the full hold path.
    await untrackAllStock(core.db);
    core.startWorkers();
    const redis0 = await redisCpuSeconds(monitor);
    const cpu0 = process.cpuUsage();

    const started = new Map<string, number>();
    const t0 = performance.now();
    const inFlight = 64;
    let next = 0;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < n) {
          const i = next++;
          const shop = usable[i % usable.length]!;
          const s = performance.now();
          const o = await core.orders.place({
            buyerId: buyers[i % buyers.length]!.id,
            shopId: shop.id,
            items: [{ productId: byShop.get(shop.id)!, quantity: 1 }],
            fulfilment: 'delivery',
          });
          started.set(o.id, s);
        }
      }),
    );
    // Done when every order has left `submitted` (its notifications are recorded in the same transaction).
    // Asks whether one is left, not how many: counting walks every waiting order, every 5 ms, on the
    // thread being measured.
    for (;;) {
      if (!(await anySubmitted(core.db))) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    const elapsed = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const redisCpu = (await redisCpuSeconds(monitor)) - redis0;
    const rows = await ordersTimes(core.db);
    const wall0 = Date.now() - (performance.now() - t0); // map performance time to wall time for reserved_at
    const lat = rows
      .filter((r) => r.reserved_at)
      .map((r) => new Date(r.reserved_at!).getTime() - (wall0 + (started.get(r.id)! - t0)))
      .sort((a, b) => a - b);
    const notices = await countNotifications(core.db);
    if (notices < n) throw new Error(`only ${notices} notifications recorded for ${n} orders`);
    const verify = await ledger.verify(core.db);
    if (!verify.ok) throw new Error('ledger verify failed after the benchmark');
    return {
      orders_per_s: n / (elapsed / 1000),
      p50_ms: pct(lat, 50),
      p99_ms: pct(lat, 99),
      refused: rows.filter((r) => r.status === 'refused').length,
      nodeCpuUs: (cpu.user + cpu.system) / n,
      redisCpuUs: (redisCpu * 1e6) / n,
    };
  } finally {
    await core.queues.orders.obliterate({ force: true }).catch(() => {});
    await core.queues.notify.obliterate({ force: true }).catch(() => {});
    await core.close();
    monitor.disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The same number of no-op jobs through a bare BullMQ queue and worker: the ceiling for the pipeline. */
async function bare(redisUrl: string, n: number, concurrency: number) {
  const prefix = `bench-bare-${process.pid}-${Date.now()}`;
  const producer = createRedis(redisUrl, 'producer');
  const consumer = createRedis(redisUrl, 'worker');
  const monitor = createRedis(redisUrl, 'worker');
  const queue = new Queue('bare', { connection: producer, prefix });
  let done = 0;
  let resolve!: () => void;
  const finished = new Promise<void>((r) => (resolve = r));
  const worker = new Worker(
    'bare',
    async () => {
      if (++done === n) resolve();
    },
    { connection: consumer, prefix, concurrency, autorun: true },
  );
  const redis0 = await redisCpuSeconds(monitor);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i += 500) {
    await queue.addBulk(
      Array.from({ length: Math.min(500, n - i) }, (_, j) => ({
        name: 'noop',
        data: { i: i + j },
        opts: { jobId: `j-${i + j}`, removeOnComplete: { count: 1000 } },
      })),
    );
  }
  await finished;
  const elapsed = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const redisCpu = (await redisCpuSeconds(monitor)) - redis0;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  producer.disconnect();
  consumer.disconnect();
  monitor.disconnect();
  return { jobs_per_s: n / (elapsed / 1000), nodeCpuUs: (cpu.user + cpu.system) / n, redisCpuUs: (redisCpu * 1e6) / n };
}

/** The hold transaction alone: cap check, two entries, two balances, in one BEGIN IMMEDIATE transaction. */
async function holds(n: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'peken-bench-holds-'));
  const h = openDatabase({ file: join(dir, 'peken.db') });
  try {
    await migrateToLatest(h.db);
    return await holdsPerSecond(h.db, n);
  } finally {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Both workers run with the same concurrency, so that the ratio compares like with like. The order worker
 * reserves the jobs it holds at once in one transaction, so its concurrency is also its largest batch.
 */
export async function benchPipeline(props: {
  redisUrl: string;
  orders?: number;
  concurrency?: number;
}): Promise<PipelineFigures> {
  const n = props.orders ?? 10_000;
  const concurrency = props.concurrency ?? 64;
  const b = await bare(props.redisUrl, n, concurrency);
  const p = await pipeline(props.redisUrl, n, concurrency);
  const h = await holds(n);
  return {
    orders: n,
    concurrency,
    orders_per_s: Math.round(p.orders_per_s),
    p50_ms: Math.round(p.p50_ms),
    p99_ms: Math.round(p.p99_ms),
    bare_jobs_per_s: Math.round(b.jobs_per_s),
    ratio: Number((p.orders_per_s / b.jobs_per_s).toFixed(3)),
    node_cpu_us_per_order: Math.round(p.nodeCpuUs),
    redis_cpu_us_per_order: Math.round(p.redisCpuUs),
    bare_node_cpu_us_per_job: Math.round(b.nodeCpuUs),
    bare_redis_cpu_us_per_job: Math.round(b.redisCpuUs),
    cores_busy: Number((((p.nodeCpuUs + p.redisCpuUs) * p.orders_per_s) / 1e6).toFixed(2)),
    ledger_holds_per_s: Math.round(h),
    refused: p.refused,
  };
}
