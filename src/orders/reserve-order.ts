import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import { inArea } from '../areas/area-policy.js';
import { ledger, OrderRefusedError, type HoldBatch } from '../ledger/index.js';
import type { BuyerTable } from '../people/people.table.js';
import { jobIds, ORDER_QUEUE } from './orders.jobs.js';
import type { SettingsService } from '../settings/settings.service.js';
import type { Settings } from '../settings/settings.schema.js';
import type { Clock } from '../shared/clock.js';
import { NotFoundError } from '../shared/errors.js';
import { periodOf } from '../shared/period.js';
import type { ProductTable, ShopContactTable, ShopTable } from '../shops/shop.table.js';
import { recordNotifications, type NotificationDraft } from '../notify/notification.repository.js';
import { noticeDrafts, summary } from './order-notices.js';
import { addManyToOutbox } from '../outbox/outbox.repository.js';
import type { OrderItemTable } from './order.table.js';
import type { Order, ReserveOutcome } from './order.service.js';
import {
  buyersByIds,
  contactsOfShops,
  itemsOfOrders,
  markReserved,
  ordersByIds,
  productsWithIds,
  shopsByIds,
  takeStock,
} from './reserve.repository.js';
import { updateOrder } from './order.repository.js';
import { deadlinesFor, shopHours } from './deadlines.js';
import { opensLater } from './deadline-steps.js';

export interface ReserveDeps {
  clock: Clock;
  settings: SettingsService;
  faults?: { insideHold?: () => Promise<void> };
}

type Item = Selectable<OrderItemTable>;

/** Everything the decisions need, read once for the batch. */
interface BatchContext {
  s: Settings;
  now: string;
  items: Map<string, Item[]>;
  shops: Map<number, Selectable<ShopTable>>;
  buyers: Map<number, Selectable<BuyerTable>>;
  /** Products with the stock left after the holds taken so far in this batch. */
  products: Map<number, Selectable<ProductTable>>;
  contacts: Map<number, Selectable<ShopContactTable>[]>;
  holds: HoldBatch;
  shopCapOf(shop: Selectable<ShopTable>): number;
  /** The reserved state's deadlines for an order reserved now at this shop (its opening hours), once per shop. */
  deadlinesAt(shop: Selectable<ShopTable>): {
    remind_at: string;
    expires_at: string;
    opens: { time: string; date: string } | null;
  };
}

function groupBy<K, V>(rows: readonly V[], key: (v: V) => K): Map<K, V[]> {
  const out = new Map<K, V[]>();
  for (const r of rows) {
    const list = out.get(key(r));
    if (list) list.push(r);
    else out.set(key(r), [r]);
  }
  return out;
}

/**
 * The worker's step for a batch of orders, inside the caller's write transaction: for each order in turn,
 * check the shop, the area and the stock, place the ledger hold (which checks the caps against the
 * balances plus the holds taken before it in this batch), or refuse with the reason. An order that is no
 * longer `submitted` (a repeated job) is left unchanged. Everything is read once for the batch and the
 * writes are shared where the orders share them, so a batch costs a few statements plus a few per order.
 * An order that is missing (or whose shop or buyer is) gets its error in the results; a database error
 * throws, and the caller redoes the orders one by one.
 */
export async function reserveBatch(
  trx: Db,
  orderIds: readonly string[],
  deps: ReserveDeps,
): Promise<(ReserveOutcome | Error)[]> {
  const unique = [...new Set(orderIds)];
  const current = new Map((await ordersByIds(trx, unique)).map((o) => [o.id, o]));
  const pending = [...current.values()].filter((o) => o.status === 'submitted');
  const now = deps.clock.now();
  const at = now.toISOString();
  // The period is the month of the hold, not of the submission (the brief's rule).
  const period = periodOf(now);
  const ctx = pending.length > 0 ? await loadContext(trx, pending, { period, at, settings: deps.settings }) : null;

  const results: (ReserveOutcome | Error)[] = [];
  const reserved: Order[] = [];
  const refused: { order: Order; reason: OrderRefusedError['reason'] }[] = [];
  const taken = new Map<number, number>();
  for (const id of orderIds) {
    const order = current.get(id);
    if (!order) {
      results.push(new NotFoundError('order', id));
      continue;
    }
    if (order.status !== 'submitted' || !ctx) {
      results.push({ outcome: 'unchanged', order });
      continue;
    }
    const shop = ctx.shops.get(order.shop_id);
    const buyer = ctx.buyers.get(order.buyer_id);
    if (!shop || !buyer) {
      results.push(new NotFoundError('order party', id));
      continue;
    }
    const items = ctx.items.get(id) ?? [];
    try {
      const demand = checkOrder(ctx, order, shop, buyer, items);
      ctx.holds.hold({
        orderId: id,
        shopId: shop.id,
        buyerId: buyer.id,
        amount: order.total,
        limits: { shopCap: ctx.shopCapOf(shop), buyerMax: ctx.s.buyer_monthly_max, orderMax: ctx.s.order_max },
      });
      for (const [productId, quantity] of demand) {
        const p = ctx.products.get(productId)!;
        if (p.stock !== null) {
          p.stock -= quantity;
          taken.set(productId, (taken.get(productId) ?? 0) + quantity);
        }
      }
      const d = ctx.deadlinesAt(shop);
      const next: Order = {
        ...order,
        status: 'reserved',
        period,
        reserved_at: at,
        updated_at: at,
        remind_at: d.remind_at,
        expires_at: d.expires_at,
      };
      reserved.push(next);
      current.set(id, next);
      results.push({ outcome: 'reserved', order: next });
    } catch (error) {
      if (!(error instanceof OrderRefusedError)) throw error;
      const next: Order = { ...order, status: 'refused', reason: error.reason, closed_at: at, updated_at: at };
      refused.push({ order: next, reason: error.reason });
      current.set(id, next);
      results.push({ outcome: 'refused', order: next, reason: error.reason });
    }
  }
  if (!ctx) return results;
  const notices: NotificationDraft[] = [];
  if (reserved.length > 0) notices.push(...(await writeReserved(trx, ctx, reserved, taken, { period, at, deps })));
  for (const { order, reason } of refused) {
    await updateOrder(trx, order.id, { status: 'refused', reason, closed_at: at, updated_at: at });
    notices.push(
      ...noticeDrafts(order, [ctx.buyers.get(order.buyer_id)!.phone], 'order.refused', summary(order, { reason })),
    );
  }
  await recordNotifications(trx, notices, at);
  return results;
}

async function loadContext(
  trx: Db,
  pending: Order[],
  b: { period: string; at: string; settings: SettingsService },
): Promise<BatchContext> {
  const shopIds = [...new Set(pending.map((o) => o.shop_id))];
  const buyerIds = [...new Set(pending.map((o) => o.buyer_id))];
  const [s, items, shops, buyers, contacts, holds] = await Promise.all([
    b.settings.all(trx),
    itemsOfOrders(
      trx,
      pending.map((o) => o.id),
    ),
    shopsByIds(trx, shopIds),
    buyersByIds(trx, buyerIds),
    contactsOfShops(trx, shopIds),
    ledger.holdBatch(trx, { period: b.period, at: b.at, shopIds, buyerIds }),
  ]);
  const products = await productsWithIds(trx, [...new Set(items.map((i) => i.product_id))]);
  const deadlines = new Map<number, ReturnType<BatchContext['deadlinesAt']>>();
  const now = new Date(b.at);
  return {
    s,
    now: b.at,
    items: groupBy(items, (i) => i.order_id),
    shops: new Map(shops.map((x) => [x.id, x])),
    buyers: new Map(buyers.map((x) => [x.id, x])),
    products: new Map(products.map((x) => [x.id, x])),
    contacts: groupBy(contacts, (c) => c.shop_id),
    holds,
    shopCapOf: (shop) => shop.cap_override ?? s.shop_monthly_cap,
    deadlinesAt(shop) {
      let d = deadlines.get(shop.id);
      if (!d) {
        const r = deadlinesFor('reserved', now, shopHours(shop, s), s);
        d = { remind_at: r.remind_at!, expires_at: r.expires_at!, opens: opensLater(shop, s, now) };
        deadlines.set(shop.id, d);
      }
      return d;
    },
  };
}

/**
 * The refusals decided before the hold, in the order the buyer should hear them. Returns the quantity
 * the order takes of each product.
 */
function checkOrder(
  ctx: BatchContext,
  order: Order,
  shop: Selectable<ShopTable>,
  buyer: Selectable<BuyerTable>,
  items: Item[],
): Map<number, number> {
  if (shop.status === 'pending') throw new OrderRefusedError('shop_unverified', 'the shop is not verified yet');
  if (shop.status === 'suspended' || !shop.is_open || closedNow(shop, ctx.now))
    throw new OrderRefusedError('shop_closed', 'the shop is closed');
  if (!inArea(ctx.s.area_policy, buyer, shop.kelurahan_code)) {
    throw new OrderRefusedError('outside_area', `the shop is outside the buyer's ${ctx.s.area_policy}`);
  }
  const demand = new Map<number, number>();
  for (const item of items) demand.set(item.product_id, (demand.get(item.product_id) ?? 0) + item.quantity);
  for (const item of items) {
    const p = ctx.products.get(item.product_id);
    if (
      !p ||
      p.shop_id !== order.shop_id ||
      !p.active ||
      (p.stock !== null && p.stock < demand.get(item.product_id)!)
    ) {
      throw new OrderRefusedError('out_of_stock', `${item.name} is out of stock`);
    }
  }
  return demand;
}

async function writeReserved(
  trx: Db,
  ctx: BatchContext,
  reserved: Order[],
  taken: Map<number, number>,
  w: { period: string; at: string; deps: ReserveDeps },
): Promise<NotificationDraft[]> {
  const { at } = w;
  await ctx.holds.write();
  await takeStock(trx, taken);
  await w.deps.faults?.insideHold?.();
  // Orders reserved together share their deadlines unless their shops keep different hours (an order at a
  // shop outside its hours waits for the opening): one update and one timer per group, usually one. One
  // timer at a time: the reminder schedules the expiry (see remindMany()).
  const groups = new Map<string, Order[]>();
  for (const o of reserved) {
    const key = `${o.remind_at}|${o.expires_at}`;
    const g = groups.get(key);
    if (g) g.push(o);
    else groups.set(key, [o]);
  }
  const timers = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    const ids = group.map((o) => o.id);
    await markReserved(trx, ids, { period: w.period, at, remindAt: first.remind_at!, expiresAt: first.expires_at! });
    timers.push({
      queue: ORDER_QUEUE,
      jobName: 'remind',
      jobId: jobIds.remind(first.id),
      payload: { orderIds: ids },
      delayUntil: new Date(first.remind_at!),
    });
  }
  await addManyToOutbox(trx, timers, at);
  const waiting = reserved.flatMap((order) => {
    const opens = ctx.deadlinesAt(ctx.shops.get(order.shop_id)!).opens;
    return opens
      ? noticeDrafts(
          order,
          [ctx.buyers.get(order.buyer_id)!.phone],
          'order.waits_for_opening',
          summary(order, { opensTime: opens.time, opensDate: opens.date }),
        )
      : [];
  });
  return waiting.concat(
    reserved.flatMap((order) => {
      const buyer = ctx.buyers.get(order.buyer_id)!;
      const lines = (ctx.items.get(order.id) ?? [])
        .map((i) => `${i.quantity} × ${i.name}${i.unit ? ` (${i.unit})` : ''}`)
        .join('\n');
      const params = {
        ...summary(order),
        orderId: order.id,
        items: lines,
        fulfilment: order.fulfilment,
        note: order.note,
        address: order.delivery_address,
        area: buyer.domicile_kelurahan ?? buyer.office_kelurahan,
      };
      return noticeDrafts(
        order,
        (ctx.contacts.get(order.shop_id) ?? []).map((c) => c.phone),
        'order.new',
        params,
      );
    }),
  );
}

/** Closed by its owner for now: "libur tanggal 17" or "tutup sampai besok" (outside its hours an order waits). */
function closedNow(shop: Selectable<ShopTable>, at: string): boolean {
  return shop.closed_from !== null && shop.closed_until !== null && shop.closed_from <= at && at < shop.closed_until;
}
