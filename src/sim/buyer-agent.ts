import { seededRandom, type Random } from '../shared/random.js';
import type { SimBuyer } from './city.js';
import type { PlacedOrder, ShoppingIntent, SimDriver } from './driver.js';
import type { EventLoop } from './event-loop.js';
import { DAY, HOUR, MINUTE } from './virtual-time.js';

const WIB = 7 * HOUR;

/** A daytime instant (07:00–21:00 WIB) on the day of `at`, or the next day's morning when too late. */
export function daytime(at: number, rnd: Random): number {
  const dayStart = Math.floor((at + WIB) / DAY) * DAY - WIB;
  const t = dayStart + 7 * HOUR + rnd.next() * 14 * HOUR;
  return t > at ? t : at + rnd.int(5, 90) * MINUTE;
}

/** Where on the listing a buyer clicks: the first page most of the time, the top shop most of all. */
export function drawIntent(rnd: Random, favourites: readonly number[]): ShoppingIntent {
  const r = rnd.next();
  const firstPage = [0.34, 0.24, 0.18, 0.13, 0.11];
  let position = 0;
  if (r < 0.75) {
    let u = rnd.next();
    position = firstPage.findIndex((w) => (u -= w) < 0);
    if (position < 0) position = 4;
  } else if (r < 0.92) position = rnd.int(5, 9);
  else position = rnd.int(10, 40);
  const picks = Array.from({ length: rnd.int(1, 3) }, () => ({ index: rnd.int(0, 20), quantity: rnd.int(1, 3) }));
  const favouriteShopId = favourites.length > 0 && rnd.chance(0.25) ? rnd.pick(favourites) : null;
  return { position, favouriteShopId, picks };
}

/**
 * One ASN over the month: a spending target from the quota and a willingness drawn once (some ignore the
 * platform, some do part, most meet it), orders spread over the days until the target is planned, a new
 * try soon after an order fails, now and then a cancellation. Every choice comes from the agent's own
 * seeded generator, so it does not depend on how the processes interleave.
 */
export function createBuyerAgent(deps: {
  buyer: SimBuyer;
  seed: number;
  loop: EventLoop;
  driver: SimDriver;
  start: number;
  orderUntil: number;
  onPlaced: (o: PlacedOrder, buyer: BuyerAgent) => void;
  cancelRate: number;
}) {
  const { buyer, loop, driver } = deps;
  const rnd = seededRandom(deps.seed * 1_000_003 + buyer.id * 7919);
  const u = rnd.next();
  const willingness = u < 0.3 ? 0 : u < 0.6 ? 0.3 + rnd.next() * 0.6 : 1 + rnd.next() * 0.4;
  const target = Math.round(buyer.quota * willingness);
  let planned = 0;
  let generation = 0;
  const favourites: number[] = [];

  function planOrder(at: number): void {
    const gen = ++generation;
    if (at >= deps.orderUntil) return;
    loop.at(at, async () => {
      if (gen !== generation) return;
      await orderNow(at);
    });
  }

  async function orderNow(now: number): Promise<void> {
    if (planned >= target) return;
    const placed = await driver.order(buyer, drawIntent(rnd, favourites), rnd);
    if (!placed) {
      planOrder(daytime(now + DAY, rnd));
      return;
    }
    planned += placed.total;
    deps.onPlaced(placed, agent);
    if (rnd.chance(deps.cancelRate)) {
      loop.at(now + rnd.int(2, 25) * MINUTE, async () => {
        if (await driver.cancel(buyer, placed, rnd)) agent.failed(placed, now);
      });
    }
    planOrder(daytime(now + rnd.int(1, 5) * DAY, rnd));
  }

  const agent = {
    buyer,
    target,
    begin(): void {
      if (target > 0) planOrder(daytime(deps.start + rnd.next() * (deps.orderUntil - deps.start) * 0.5, rnd));
    },
    /** The order will not happen (refused, rejected, expired, cancelled): try again within hours. */
    failed(order: PlacedOrder, now: number): void {
      planned -= order.total;
      planOrder(now + rnd.int(1, 6) * HOUR);
    },
    completed(order: PlacedOrder): void {
      if (!favourites.includes(order.shopId)) favourites.push(order.shopId);
    },
  };
  return agent;
}
export type BuyerAgent = ReturnType<typeof createBuyerAgent>;
