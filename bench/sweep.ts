import type { Database } from 'better-sqlite3';
import type { Db } from '../src/db/database.js';
import { createOrderService } from '../src/orders/order.service.js';
import { createSweeper } from '../src/jobs/sweeper.js';
import { createRedis } from '../src/jobs/connection.js';
import { createQueues } from '../src/jobs/queues.js';
import type { SettingsService } from '../src/settings/settings.service.js';
import type { ManualClock } from '../src/shared/clock.js';
import { silentLogger } from '../src/shared/logger.js';

/** How many open orders are overdue at the first pass: about what 15 s (one sweep interval) of a busy city leaves. */
const OVERDUE = 50;

/**
 * `sweep_ms`: the sweeper's pass over the dashboard bench's year of orders (issue 14; target < 200 ms). The
 * open orders of the last month get deadlines spread over the next day (as the order service sets them),
 * and OVERDUE of them are due now. The figure is the larger of the first pass (which applies those) and the
 * p95 of the passes after it (nothing due: what most passes cost). Redis is real, as the sweeper's is.
 */
export async function benchSweep(p: {
  db: Db;
  sqlite: Database;
  clock: ManualClock;
  settings: SettingsService;
  redisUrl: string;
  runs?: number;
}): Promise<{ sweep_ms: number; sweep_first_ms: number; sweep_idle_p95_ms: number; sweep_overdue: number }> {
  const now = p.clock.now().getTime();
  const open = p.sqlite
    .prepare(`select id, status from orders where status in ('reserved', 'accepted', 'delivered') order by id`)
    .all() as { id: string; status: string }[];
  const set = p.sqlite.prepare('update orders set remind_at = ?, ask_at = ?, expires_at = ? where id = ?');
  const iso = (ms: number) => new Date(ms).toISOString();
  const deadlines = (overdue: number) =>
    p.sqlite.transaction(() => {
      open.forEach((o, i) => {
        // Spread over the next 24 hours; the first `overdue` are past their last step.
        const base = i < overdue ? now - 60_000 - 2 * 86_400_000 : now + ((i * 7919) % 1440) * 60_000;
        set.run(
          iso(base + 30 * 60_000),
          o.status === 'accepted' ? iso(base + 60 * 60_000) : null,
          iso(base + 2 * 86_400_000),
          o.id,
        );
      });
    })();
  deadlines(0);
  p.sqlite.exec('analyze');
  const producer = createRedis(p.redisUrl, 'producer');
  const queues = createQueues({ connection: producer, prefix: `bench-sweep-${process.pid}` });
  try {
    const orders = createOrderService({ db: p.db, clock: p.clock, settings: p.settings });
    const sweeper = createSweeper({ db: p.db, queues, orders, clock: p.clock, logger: silentLogger() });
    const pass = async () => {
      const t0 = performance.now();
      const r = await sweeper.sweep();
      if (!r) throw new Error('sweep pass failed');
      return { ms: performance.now() - t0, r };
    };
    // A running sweeper has its statements prepared and its pages cached: one pass with nothing due first.
    await pass();
    deadlines(OVERDUE);
    const first = await pass();
    const applied = first.r.expired + first.r.reminded + first.r.deadlines;
    const times: number[] = [];
    for (let i = 0; i < (p.runs ?? 20); i++) times.push((await pass()).ms);
    times.sort((a, b) => a - b);
    const p95 = times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)]!;
    const round = (x: number) => Math.round(x * 10) / 10;
    return {
      sweep_ms: round(Math.max(first.ms, p95)),
      sweep_first_ms: round(first.ms),
      sweep_idle_p95_ms: round(p95),
      sweep_overdue: applied,
    };
  } finally {
    await Promise.all([queues.orders.obliterate({ force: true }), queues.notify.obliterate({ force: true })]).catch(
      () => {},
    );
    await queues.close();
    producer.disconnect();
  }
}
