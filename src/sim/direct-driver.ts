import type { Db } from '../db/database.js';
import { findOrder } from '../orders/order.repository.js';
import type { OrderService } from '../orders/order.service.js';
import { InvalidTransitionError } from '../orders/order.errors.js';
import { NotFoundError } from '../shared/errors.js';
import type { Random } from '../shared/random.js';
import type { SimBuyer, SimShop } from './city.js';
import type { PlacedOrder, SimDriver } from './driver.js';
import { orderableProductsById } from './sim.repository.js';

type List = (buyer: SimBuyer, shops: readonly SimShop[]) => Promise<SimShop[]>;

/**
 * Agents acting through the order service directly, with the simulation's own listing: the baseline
 * that needs no chat layer. Duplicate updates become repeated service calls, which must have no effect.
 */
export function createDirectDriver(deps: {
  db: Db;
  orders: OrderService;
  list: List;
  /** The active shops the buyer may order from under the run's area policy. */
  shopsOf: (buyer: SimBuyer) => readonly SimShop[];
  duplicateRate: number;
}): SimDriver {
  let duplicates = 0;
  const twice = async <T>(rnd: Random, call: () => Promise<T>): Promise<T> => {
    const r = await call();
    if (deps.duplicateRate > 0 && rnd.chance(deps.duplicateRate)) {
      duplicates++;
      await call();
    }
    return r;
  };
  // A transition that the order had already moved past (an expiry won the race) is a normal outcome.
  const moved = async (call: () => Promise<unknown>): Promise<boolean> => {
    try {
      await call();
      return true;
    } catch (error) {
      if (error instanceof InvalidTransitionError || error instanceof NotFoundError) return false;
      throw error;
    }
  };

  return {
    name: 'direct',
    async order(buyer, intent) {
      const listed = await deps.list(buyer, deps.shopsOf(buyer));
      if (listed.length === 0) return null;
      const favourite =
        intent.favouriteShopId === null ? undefined : listed.find((s) => s.id === intent.favouriteShopId);
      const shop = favourite ?? listed[Math.min(intent.position, listed.length - 1)]!;
      const products = await orderableProductsById(deps.db, shop.id);
      if (products.length === 0) return null;
      const items = new Map<number, number>();
      for (const p of intent.picks) {
        const product = products[p.index % products.length]!;
        if (!items.has(product.id))
          items.set(product.id, product.stock === null ? p.quantity : Math.min(p.quantity, product.stock));
      }
      const order = await deps.orders.place({
        buyerId: buyer.id,
        shopId: shop.id,
        items: [...items].map(([productId, quantity]) => ({ productId, quantity })),
        fulfilment: 'delivery',
      });
      return { orderId: order.id, code: order.code, shopId: shop.id, total: order.total } satisfies PlacedOrder;
    },
    cancel: (buyer, o, rnd) =>
      moved(() => twice(rnd, () => deps.orders.cancel(o.orderId, { kind: 'buyer', buyerId: buyer.id }))),
    confirmReceived: (buyer, o, rnd) =>
      moved(() => twice(rnd, () => deps.orders.markDelivered(o.orderId, { kind: 'buyer', buyerId: buyer.id }))),
    accept: (shop, id, rnd) => moved(() => twice(rnd, () => deps.orders.accept(id, { kind: 'shop', shopId: shop.id }))),
    reject: (shop, id, reason, rnd) =>
      moved(() => twice(rnd, () => deps.orders.reject(id, { kind: 'shop', shopId: shop.id }, reason))),
    markDelivered: (shop, id, rnd) =>
      moved(() => twice(rnd, () => deps.orders.markDelivered(id, { kind: 'shop', shopId: shop.id }))),
    confirmPaid: (shop, id, rnd) =>
      moved(() => twice(rnd, () => deps.orders.confirmPaid(id, { kind: 'shop', shopId: shop.id }))),
    orderStatus: async (id) => (await findOrder(deps.db, id))?.status,
    duplicatesDelivered: () => duplicates,
    // Repeated service calls are checked by the invariants (a second accept is an InvalidTransitionError).
    duplicatesAnswered: () => 0,
  };
}
