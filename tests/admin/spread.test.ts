import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Spread } from '../../src/reports/spread.service.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { adminWorld, orderTo, signInDashboard } from './support.js';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

/**
 * Independent of the code under test: the Gini as the mean absolute difference over all pairs divided by
 * twice the mean (not the sorted-rank formula the service uses), and the Lorenz points from a plain loop.
 */
function giniByPairs(xs: number[]): number {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (mean === 0) return 0;
  let diff = 0;
  for (const a of xs) for (const b of xs) diff += Math.abs(a - b);
  return diff / (2 * n * n * mean);
}
function lorenzByLoop(xs: number[]): [number, number][] {
  const sorted = [...xs].sort((a, b) => a - b);
  const total = sorted.reduce((a, b) => a + b, 0);
  const out: [number, number][] = [[0, 0]];
  for (let i = 1; i <= sorted.length; i++)
    out.push([i / sorted.length, sorted.slice(0, i).reduce((a, b) => a + b, 0) / total]);
  return out;
}

describe('the spread of shop revenue (issue 20)', () => {
  async function month() {
    const w = await adminWorld(t.db); // now: 2026-11-10 10:00 WIB
    const buyer = await makeBuyer(t.db);
    // One buyer orders from both kecamatan.
    await w.settings.set('area_policy', 'city', 'test');
    // Five verified shops in two kecamatan (07 and 08), one unverified (left out), one linked to a chat.
    const shops = [
      await makeShop(t.db, { linked: true }),
      await makeShop(t.db),
      await makeShop(t.db),
      await makeShop(t.db, { kelurahan: '35.78.08.1001' }),
      await makeShop(t.db, { kelurahan: '35.78.08.1001', linked: true }),
    ];
    const pending = await makeShop(t.db, { status: 'pending' });
    const price = [45_000, 120_000, 10_000, 300_000, 0];
    const products = await Promise.all(shops.map((s, i) => makeProduct(t.db, s.id, { price: price[i] || 5_000 })));
    // Day 1 (10 Nov): shops 0 and 3 complete; day 2: shop 1 completes, shop 0 again; shop 2 only holds; shop 4 nothing.
    await orderTo(w, { buyerId: buyer.id, shopId: shops[0]!.id, productId: products[0]!.id, quantity: 2 }, 'completed');
    await orderTo(w, { buyerId: buyer.id, shopId: shops[3]!.id, productId: products[3]!.id }, 'completed');
    w.clock.advance(24 * 3_600_000);
    await orderTo(w, { buyerId: buyer.id, shopId: shops[1]!.id, productId: products[1]!.id, quantity: 3 }, 'completed');
    await orderTo(w, { buyerId: buyer.id, shopId: shops[0]!.id, productId: products[0]!.id }, 'completed');
    await orderTo(w, { buyerId: buyer.id, shopId: shops[2]!.id, productId: products[2]!.id }, 'reserved');
    return { w, shops, pending };
  }

  /** Revenue per verified shop, summed from the ledger's commit entries by this test's own query. */
  async function revenuesFromLedger(upTo?: string): Promise<number[]> {
    const rows = await t.all<{ r: number }>(
      `select s.id, coalesce((select sum(amount) from ledger_entries e where e.account = 'shop:' || s.id and e.period = '2026-11' and e.kind = 'commit' and (cast(? as text) is null or e.created_at < ?)), 0) as r
         from shops s where s.status = 'active' order by s.id`,
      upTo ?? null,
      upTo ?? null,
    );
    return rows.map((x) => x.r);
  }

  it("gives the API's and the dashboard's Gini and Lorenz curve equal to a computation from the ledger entries", async () => {
    const { w } = await month();
    const revenues = await revenuesFromLedger();
    expect(revenues.filter((r) => r > 0)).toHaveLength(3);
    const s = (await (await w.asViewer('/api/reports/spread?month=2026-11')).json()) as Spread;
    expect(s.shops).toBe(5);
    expect(s.gini).toBeCloseTo(giniByPairs(revenues), 4);
    const expected = lorenzByLoop(revenues);
    expect(s.lorenz).toHaveLength(expected.length);
    s.lorenz.forEach(([x, y], i) => {
      expect(x).toBeCloseTo(expected[i]![0], 4);
      expect(y).toBeCloseTo(expected[i]![1], 4);
    });
    // The page draws the same numbers.
    const { get } = await signInDashboard(w, w.people.viewer.phone);
    const html = await (await get('/dashboard/spread?month=2026-11')).text();
    expect(Number(/id="gini" data-gini="([^"]+)"/.exec(html)![1])).toBeCloseTo(giniByPairs(revenues), 4);
    const drawn = /class="curve"[^>]*data-points="([^"]+)"/
      .exec(html)![1]!
      .split(' ')
      .map((p) => p.split(',').map(Number));
    drawn.forEach(([x, y], i) => {
      expect(x).toBeCloseTo(expected[i]![0], 4);
      expect(y).toBeCloseTo(expected[i]![1], 4);
    });
  });

  it('gives the Gini by kecamatan, the shops no order reached with their reachability, and the trend day by day', async () => {
    const { w, shops, pending } = await month();
    const s = (await (await w.asViewer('/api/reports/spread?month=2026-11')).json()) as Spread;
    const rev = await revenuesFromLedger();
    const kec07 = s.byKecamatan.find((k) => k.code === '35.78.07')!;
    expect(kec07).toMatchObject({ shops: 3, revenue: rev[0]! + rev[1]! + rev[2]! });
    expect(kec07.gini).toBeCloseTo(giniByPairs(rev.slice(0, 3)), 4);
    expect(s.byKecamatan.find((k) => k.code === '35.78.08')!.gini).toBeCloseTo(giniByPairs(rev.slice(3)), 4);
    // Shop 2 has a hold (an order reached it), shop 4 nothing; the unverified shop is not counted.
    expect(s.noOrderYet.map((x) => x.shopId)).toEqual([shops[4]!.id]);
    expect(s.noOrderYet[0]).toMatchObject({ reachable: true, channels: ['web'] });
    expect(s.noOrderYet.map((x) => x.shopId)).not.toContain(pending.id);
    // 1 to 11 November (today); the 10th counts day 1's commits only, the 11th all of them.
    expect(s.trend.map((d) => d.date)).toEqual(
      Array.from({ length: 11 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`),
    );
    expect(s.trend.slice(0, 9).every((d) => d.gini === 0)).toBe(true);
    expect(s.trend[9]!.gini).toBeCloseTo(giniByPairs(await revenuesFromLedger('2026-11-10T17:00:00.000Z')), 4);
    expect(s.trend[10]!.gini).toBeCloseTo(giniByPairs(rev), 4);
    // An unreachable shop says so on the page.
    await t.db.deleteFrom('chat_links').execute();
    const { get } = await signInDashboard(w, w.people.viewer.phone);
    const html = await (await get('/dashboard/spread?month=2026-11')).text();
    expect(html).toContain(`data-reachable="0"`);
    expect(html).toContain('tidak: belum ada chat tertaut');
  });

  it('refuses a month that is not YYYY-MM, with the reason', async () => {
    const { w } = await month();
    const res = await w.asViewer('/api/reports/spread?month=0');
    expect(res.status).toBe(422);
  });
});
