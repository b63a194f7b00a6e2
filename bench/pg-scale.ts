import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, type Core } from '../src/app/core.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createScratchDatabase } from '../src/db/pg-admin.js';
import { openPostgres } from '../src/db/postgres.js';
import { ledger } from '../src/ledger/index.js';
import { holdsPerSecond } from './holds.js';
import { redisCpuSeconds } from './pipeline.js';
import { seedDemo } from '../src/demo/seed-demo.js';
import { systemClock } from '../src/shared/clock.js';
import { silentLogger } from '../src/shared/logger.js';
import {
  activeShopIds,
  anySubmitted,
  anyUndispatched,
  backendPid,
  buyerIds,
  productsCheaperThan,
  untrackAllStock,
} from './bench.repository.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const TICK_US = 10_000; // /proc's clock ticks are 1/100 s on Linux

export interface PgScaleFigures {
  pg_orders: number;
  pg_orders_per_s_1: number;
  pg_orders_per_s_2: number;
  pg_scale_2_over_1: number;
  /** CPU per order of the worker processes, and of the PostgreSQL server, with 1 and with 2 workers. */
  pg_worker_cpu_us_per_order_1: number;
  pg_worker_cpu_us_per_order_2: number;
  pg_server_cpu_us_per_order_1: number;
  pg_server_cpu_us_per_order_2: number;
  /** The Redis server's CPU per order meanwhile (BullMQ's scripts: each job's add, fetch and finish). */
  pg_redis_cpu_us_per_order_1: number;
  pg_redis_cpu_us_per_order_2: number;
  /**
   * Cores kept busy while the workers ran: the workers, the PostgreSQL server, Redis and this process (the
   * server role's outbox dispatcher and the benchmark's polling). Near the machine's core count, a second
   * worker has no core to run on.
   */
  pg_cores_busy_1: number;
  pg_cores_busy_2: number;
  pg_ledger_holds_per_s: number;
}

/**
 * The fields of /proc/<pid>/stat after the command name (which may hold spaces), or null when the process is
 * gone: [1] is the parent's pid, [11] and [12] the user and system CPU ticks.
 */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** CPU ticks (user + system) of one process; 0 when it is gone. */
function cpuTicks(pid: number): number {
  const f = statFields(pid);
  return f ? Number(f[11]) + Number(f[12]) : 0;
}

/** The parent process id; 0 when the process is gone. */
function parentOf(pid: number): number {
  const f = statFields(pid);
  return f ? Number(f[1]) : 0;
}

/**
 * CPU ticks of one PostgreSQL server: its postmaster and every process it started (backends, WAL writer,
 * checkpointer, autovacuum). Only that server's, so that another cluster on the host (a test run's, say) does
 * not count; backends serving other databases of the same server still do.
 */
function serverTicks(postmaster: number): number {
  let sum = cpuTicks(postmaster);
  for (const d of readdirSync('/proc')) {
    if (/^\d+$/.test(d) && parentOf(Number(d)) === postmaster) sum += cpuTicks(Number(d));
  }
  return sum;
}

function startWorker(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--role', 'worker'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  await exited;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `workers` separate worker processes (`npm run worker`, as an operator would run them) reserve `n` orders
 * already placed and queued. The queue is paused while they start, so that the time counts only their work:
 * from resume until no order is left submitted.
 */
async function scale(p: { serverUrl: string; redisUrl: string; n: number; workers: number; concurrency: number }) {
  const scratch = await createScratchDatabase(p.serverUrl, 'peken_bench');
  const dir = mkdtempSync(join(tmpdir(), 'peken-bench-pg-'));
  const prefix = `bench-pg-${process.pid}-${Date.now()}`;
  const children: ChildProcess[] = [];
  let core: Core | null = null;
  try {
    core = await createCore({
      database: scratch.url,
      redisUrl: p.redisUrl,
      queuePrefix: prefix,
      workerConcurrency: p.concurrency,
      workerLockMs: 30_000,
      sweepIntervalMs: 600_000,
      outboxIntervalMs: 50,
      telegramRatePerSecond: 100,
      logger: silentLogger(),
      workers: false,
    });
    await seedDemo(core.db, { clock: systemClock, buyers: 1000, shopsPerKind: 40 });
    await core.settings.set('area_policy', 'city', 'bench');
    await untrackAllStock(core.db);
    const shops = await activeShopIds(core.db);
    const byShop = new Map<number, number>();
    for (const x of await productsCheaperThan(core.db, 100_000))
      if (!byShop.has(x.shop_id)) byShop.set(x.shop_id, x.id);
    const usable = shops.filter((s) => byShop.has(s.id));
    const buyers = await buyerIds(core.db);
    await core.queues.orders.pause();
    let next = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < p.n) {
          const i = next++;
          const shop = usable[i % usable.length]!;
          await core!.orders.place({
            buyerId: buyers[i % buyers.length]!.id,
            shopId: shop.id,
            items: [{ productId: byShop.get(shop.id)!, quantity: 1 }],
            fulfilment: 'delivery',
          });
        }
      }),
    );
    while (await anyUndispatched(core.db)) await sleep(20);

    const env = {
      DATABASE_URL: scratch.url,
      REDIS_URL: p.redisUrl,
      QUEUE_PREFIX: prefix,
      DATA_DIR: dir,
      WORKER_CONCURRENCY: String(p.concurrency),
      LOG_LEVEL: 'warn',
    };
    for (let i = 0; i < p.workers; i++) children.push(startWorker(env));
    for (let waited = 0; (await core.queues.orders.getWorkersCount()) < p.workers; waited += 50) {
      if (waited > 120_000)
        throw new Error(`only ${await core.queues.orders.getWorkersCount()} of ${p.workers} workers started`);
      if (children.some((c) => c.exitCode !== null)) throw new Error('a worker process exited while starting');
      await sleep(50);
    }
    const workerTicks0 = children.reduce((s, c) => s + cpuTicks(c.pid!), 0);
    const postmaster = parentOf(await backendPid(core.db));
    const serverTicks0 = serverTicks(postmaster);
    const redis0 = await redisCpuSeconds(core.producer);
    const self0 = process.cpuUsage();
    const t0 = performance.now();
    await core.queues.orders.resume();
    while (await anySubmitted(core.db)) await sleep(10);
    const elapsed = performance.now() - t0;
    const workerUs = (children.reduce((s, c) => s + cpuTicks(c.pid!), 0) - workerTicks0) * TICK_US;
    const serverUs = (serverTicks(postmaster) - serverTicks0) * TICK_US;
    const redisUs = ((await redisCpuSeconds(core.producer)) - redis0) * 1e6;
    const self = process.cpuUsage(self0);
    const selfUs = self.user + self.system;
    const verify = await ledger.verify(core.db);
    if (!verify.ok) throw new Error('ledger verify failed after the PostgreSQL benchmark');
    return {
      orders_per_s: p.n / (elapsed / 1000),
      workerCpuUs: workerUs / p.n,
      serverCpuUs: serverUs / p.n,
      redisCpuUs: redisUs / p.n,
      coresBusy: (workerUs + serverUs + redisUs + selfUs) / 1000 / elapsed,
    };
  } finally {
    await Promise.all(children.map(stop));
    if (core) {
      await core.queues.orders.obliterate({ force: true }).catch(() => {});
      await core.queues.notify.obliterate({ force: true }).catch(() => {});
      await core.close();
    }
    await scratch.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The hold transaction alone on PostgreSQL, one after another on one connection (as `ledger_holds_per_s`). */
async function holds(serverUrl: string, n: number): Promise<number> {
  const scratch = await createScratchDatabase(serverUrl, 'peken_bench');
  const h = openPostgres({ url: scratch.url, max: 2 });
  try {
    await migrateToLatest(h.db);
    return await holdsPerSecond(h.db, n);
  } finally {
    await h.close();
    await scratch.drop();
  }
}

/**
 * The scale-out figures (issue 18): orders/s with one and with two worker processes on PostgreSQL, their
 * ratio, CPU per order, and the hold alone. The server is PG_URL's (default: local, user postgres).
 */
export async function benchPgScale(props: {
  redisUrl: string;
  serverUrl: string;
  orders?: number;
  concurrency?: number;
}): Promise<PgScaleFigures> {
  const n = props.orders ?? 4000;
  const concurrency = props.concurrency ?? 32;
  const one = await scale({ ...props, n, workers: 1, concurrency });
  const two = await scale({ ...props, n, workers: 2, concurrency });
  const h = await holds(props.serverUrl, Math.min(n, 2000));
  return {
    pg_orders: n,
    pg_orders_per_s_1: Math.round(one.orders_per_s),
    pg_orders_per_s_2: Math.round(two.orders_per_s),
    pg_scale_2_over_1: Number((two.orders_per_s / one.orders_per_s).toFixed(2)),
    pg_worker_cpu_us_per_order_1: Math.round(one.workerCpuUs),
    pg_worker_cpu_us_per_order_2: Math.round(two.workerCpuUs),
    pg_server_cpu_us_per_order_1: Math.round(one.serverCpuUs),
    pg_server_cpu_us_per_order_2: Math.round(two.serverCpuUs),
    pg_redis_cpu_us_per_order_1: Math.round(one.redisCpuUs),
    pg_redis_cpu_us_per_order_2: Math.round(two.redisCpuUs),
    pg_cores_busy_1: Number(one.coresBusy.toFixed(2)),
    pg_cores_busy_2: Number(two.coresBusy.toFixed(2)),
    pg_ledger_holds_per_s: Math.round(h),
  };
}
