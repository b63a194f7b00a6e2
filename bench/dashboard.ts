import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createReportService } from '../src/reports/report.service.js';
import { createSettingsService } from '../src/settings/settings.service.js';
import { ManualClock } from '../src/shared/clock.js';
import { periodStart } from '../src/shared/period.js';
import { seededRandom } from '../src/shared/random.js';
import { benchSweep } from './sweep.js';

const MONTHS = [
  '2025-12',
  '2026-01',
  '2026-02',
  '2026-03',
  '2026-04',
  '2026-05',
  '2026-06',
  '2026-07',
  '2026-08',
  '2026-09',
  '2026-10',
  '2026-11',
];
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const code = (n: number) => {
  let s = '';
  for (let i = 0; i < 7; i++, n = Math.floor(n / 31)) s += ALPHABET[n % 31];
  return `PK-${s}`;
};

export interface DashboardBench {
  dashboard_p95_ms: number;
  orders: number;
  /** p95 per query, milliseconds. */
  queries: Record<string, number>;
  /** The sweeper's pass over the same data (only with a Redis URL): see sweep.ts. */
  sweep?: Awaited<ReturnType<typeof benchSweep>>;
}

/**
 * A year of synthetic orders (13,000 ASN, 1,100 shops, ≥ 600,000 orders with items and ledger entries),
 * then each dashboard query timed ~20 times for the last month. The data goes in through raw prepared
 * statements in big transactions; the ledger's triggers still keep the balances, as in production.
 */
export async function benchDashboard(
  p: {
    orders?: number;
    runs?: number;
    log?: (line: string) => void;
    /** measure without some indexes (to see what they buy) */ dropIndexes?: readonly string[];
    /** also time the sweeper's pass (issue 14) */ redisUrl?: string;
  } = {},
): Promise<DashboardBench> {
  const totalOrders = p.orders ?? 624_000;
  const runs = p.runs ?? 20;
  const log = p.log ?? ((l: string) => console.error(l));
  const dir = mkdtempSync(join(tmpdir(), 'peken-bench-dashboard-'));
  const h = openDatabase({ file: join(dir, 'peken.db') });
  try {
    await migrateToLatest(h.db);
    const started = Date.now();
    // A throwaway file: no fsync while filling it.
    h.sqlite.pragma('synchronous = OFF');
    const orders = fill(h.sqlite, totalOrders);
    h.sqlite.pragma('synchronous = NORMAL');
    for (const index of p.dropIndexes ?? []) h.sqlite.exec(`drop index if exists ${index}`);
    log(`dashboard bench: ${orders} orders written in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    h.sqlite.pragma('analysis_limit = 1000');
    h.sqlite.exec('analyze');
    const clock = new ManualClock('2026-11-20T05:00:00.000Z');
    const settings = createSettingsService({ db: h.db, clock });
    const reports = createReportService({ db: h.db, settings, clock });
    const month = '2026-11';
    const queries: Record<string, () => Promise<unknown>> = {
      overview: () => reports.overview(month),
      compliance_by_opd: () => reports.complianceByAgency(month),
      below_quota: () => reports.buyerCompliance(month, { belowOnly: true, limit: 200 }),
      spending_by_kecamatan: () => reports.spendingByKecamatan(month),
      shops_near_cap: () => reports.shopsNearCap(month),
      order_search_month: () => reports.searchOrders({ month, limit: 50, offset: 0 }),
      order_search_shop: () => reports.searchOrders({ month, shopId: 17, limit: 50, offset: 0 }),
      order_search_status: () => reports.searchOrders({ month, status: 'completed', limit: 50, offset: 0 }),
      order_search_code: () => reports.searchOrders({ code: code(12345), limit: 50, offset: 0 }),
    };
    const p95: Record<string, number> = {};
    for (const [name, run] of Object.entries(queries)) {
      await run(); // warm the statement cache and the pages
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await run();
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      p95[name] = Math.round(times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)]! * 10) / 10;
      log(`  ${name}: p95 ${p95[name]} ms`);
    }
    const sweep = p.redisUrl
      ? await benchSweep({ db: h.db, sqlite: h.sqlite, clock, settings, redisUrl: p.redisUrl, runs })
      : undefined;
    if (sweep)
      log(
        `  sweeper pass: ${sweep.sweep_ms} ms (first pass ${sweep.sweep_first_ms} ms, applied ${sweep.sweep_overdue} overdue steps; then p95 ${sweep.sweep_idle_p95_ms} ms)`,
      );
    return { dashboard_p95_ms: Math.max(...Object.values(p95)), orders, queries: p95, sweep };
  } finally {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes agencies, buyers, shops, products, then the year's orders with items and ledger entries. */
function fill(sqlite: ReturnType<typeof openDatabase>['sqlite'], totalOrders: number): number {
  const rnd = seededRandom(2022);
  const at = '2025-11-01T00:00:00.000Z';
  const kelurahan = (sqlite.prepare('select code from kelurahan order by code').all() as { code: string }[]).map(
    (k) => k.code,
  );
  const classes = (sqlite.prepare('select position_class from quota_rules').all() as { position_class: string }[]).map(
    (c) => c.position_class,
  );
  const BUYERS = 13_000;
  const SHOPS = 1_100;
  const PRODUCTS = 5;
  sqlite.transaction(() => {
    const agency = sqlite.prepare('insert into agencies (code, name, kelurahan_code) values (?, ?, ?)');
    for (let a = 1; a <= 60; a++) agency.run(`OPD${a}`, `Perangkat Daerah ${a}`, kelurahan[a % kelurahan.length]);
    const buyer =
      sqlite.prepare(`insert into buyers (nip, name, phone, agency_id, position_class, domicile_kelurahan, office_kelurahan, created_at, updated_at)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (let b = 1; b <= BUYERS; b++) {
      buyer.run(
        `19800101200501${String(b).padStart(4, '0')}`,
        `ASN ${b}`,
        `+62813${String(b).padStart(7, '0')}`,
        1 + (b % 60),
        rnd.pick(classes),
        rnd.pick(kelurahan),
        rnd.pick(kelurahan),
        at,
        at,
      );
    }
    const shop = sqlite.prepare(
      `insert into shops (code, name, kind, kelurahan_code, status, cap_override, created_at, updated_at) values (?, ?, 'kelontong', ?, 'active', ?, ?, ?)`,
    );
    const product = sqlite.prepare(
      'insert into products (shop_id, name, name_key, unit, price, updated_at) values (?, ?, ?, ?, ?, ?)',
    );
    for (let s = 1; s <= SHOPS; s++) {
      // One shop in twenty has a small cap, so that "near the cap" has rows to find.
      shop.run(`SH-${s}`, `Toko ${s}`, kelurahan[s % kelurahan.length], s % 20 === 0 ? 5_000_000 : null, at, at);
      for (let i = 1; i <= PRODUCTS; i++) product.run(s, `barang ${i}`, `barang ${i}`, 'pcs', 5_000 * i, at);
    }
  })();

  const order =
    sqlite.prepare(`insert into orders (id, code, buyer_id, shop_id, status, total, fulfilment, period, created_at, updated_at, reserved_at, closed_at)
    values (?, ?, ?, ?, ?, ?, 'delivery', ?, ?, ?, ?, ?)`);
  const item = sqlite.prepare(
    'insert into order_items (order_id, line_no, product_id, name, unit, price, quantity) values (?, ?, ?, ?, ?, ?, ?)',
  );
  const entry = sqlite.prepare(
    'insert into ledger_entries (order_id, account, period, kind, amount, created_at) values (?, ?, ?, ?, ?, ?)',
  );
  const perMonth = Math.ceil(totalOrders / MONTHS.length);
  let n = 0;
  for (const [mi, month] of MONTHS.entries()) {
    const start = periodStart(month).getTime();
    const last = mi === MONTHS.length - 1;
    sqlite.transaction(() => {
      for (let i = 0; i < perMonth && n < totalOrders; i++, n++) {
        const buyerId = 1 + rnd.int(0, BUYERS - 1);
        const shopId = 1 + rnd.int(0, SHOPS - 1);
        const created = new Date(start + Math.floor((i / perMonth) * 27 * 86_400_000)).toISOString();
        const roll = rnd.next();
        // Closed months: mostly completed; the current month also has open orders.
        const status =
          roll < 0.75
            ? 'completed'
            : roll < 0.83
              ? 'rejected'
              : roll < 0.88
                ? 'expired'
                : roll < 0.91
                  ? 'cancelled'
                  : roll < 0.94
                    ? 'refused'
                    : last
                      ? roll < 0.96
                        ? 'reserved'
                        : roll < 0.98
                          ? 'accepted'
                          : 'delivered'
                      : 'completed';
        const id = `b${String(n).padStart(10, '0')}`;
        const lines = 1 + rnd.int(0, 2);
        let total = 0;
        const items: [number, number, number][] = [];
        for (let l = 1; l <= lines; l++) {
          const p = 1 + rnd.int(0, PRODUCTS - 1);
          const qty = 1 + rnd.int(0, 4);
          items.push([(shopId - 1) * PRODUCTS + p, 5_000 * p, qty]);
          total += 5_000 * p * qty;
        }
        const held = status !== 'refused';
        const isOpen = status === 'reserved' || status === 'accepted' || status === 'delivered';
        const closed = isOpen ? null : created;
        order.run(
          id,
          code(n),
          buyerId,
          shopId,
          status,
          total,
          held ? month : null,
          created,
          created,
          held ? created : null,
          closed,
        );
        items.forEach(([productId, price, qty], l) =>
          item.run(id, l + 1, productId, `barang ${((productId - 1) % PRODUCTS) + 1}`, 'pcs', price, qty),
        );
        if (!held) continue;
        for (const account of [`shop:${shopId}`, `buyer:${buyerId}`]) {
          entry.run(id, account, month, 'hold', total, created);
          if (status === 'completed') entry.run(id, account, month, 'commit', total, created);
          else if (!isOpen) entry.run(id, account, month, 'release', total, created);
        }
      }
    })();
  }
  return n;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  benchDashboard({ redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }).then(
    (r) => console.log(JSON.stringify(r)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
