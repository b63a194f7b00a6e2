import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import { ledger, OrderRefusedError, type RefusalReason } from '../ledger/index.js';
import { addToOutbox } from '../outbox/outbox.repository.js';
import { jobIds, QUEUES } from '../queue/queue-names.js';
import type { SettingsService } from '../settings/settings.service.js';
import { inArea } from '../areas/area-policy.js';
import type { Clock } from '../shared/clock.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import { newId, newOrderCode } from '../shared/ids.js';
import { periodOf } from '../shared/period.js';
import { findBuyer } from '../people/buyer.repository.js';
import { findShop, productsByIds } from '../shops/shop.repository.js';
import { InvalidTransitionError } from './order.errors.js';
import { noticeBuyer, noticeShop } from './order-notices.js';
import { findOrder, findOrderByCode, orderItems, updateOrder } from './order.repository.js';
import type { OrderStatus, OrderTable } from './order.table.js';
import { parsePlaceOrder, type PlaceOrderInput } from './place-order.input.js';

export type Order = Selectable<OrderTable>;

/** Who asks for a transition: the order's own shop (owner or helper), its buyer, or the system. */
export type Actor = { kind: 'shop'; shopId: number } | { kind: 'buyer'; buyerId: number } | { kind: 'system' };

export type ReserveOutcome =
  | { outcome: 'reserved'; order: Order }
  | { outcome: 'refused'; order: Order; reason: RefusalReason }
  /** The job ran before (a retry or a duplicate delivery): nothing changed. */
  | { outcome: 'unchanged'; order: Order };

export interface OrderService {
  /** Writes the order and its reserve job in one transaction: once this returns, the order is durable. */
  place(input: PlaceOrderInput): Promise<Order>;
  /** The worker's step: the ledger hold, or a refusal with its reason. Idempotent. */
  reserve(orderId: string): Promise<ReserveOutcome>;
  accept(orderId: string, actor: Actor): Promise<Order>;
  reject(orderId: string, actor: Actor, reason: string): Promise<Order>;
  cancel(orderId: string, actor: Actor): Promise<Order>;
  /** The shop (or the buyer, confirming receipt) says the goods arrived. */
  markDelivered(orderId: string, actor: Actor): Promise<Order>;
  /** The shop confirms it received the payment. Completes a delivered order. */
  confirmPaid(orderId: string, actor: Actor): Promise<Order>;
  remind(orderId: string): Promise<Order>;
  expire(orderId: string): Promise<Order>;
  get(orderId: string): Promise<Order | undefined>;
  getByCode(code: string): Promise<Order | undefined>;
}

export interface OrderServiceDeps {
  db: Db;
  clock: Clock;
  settings: SettingsService;
  /** Called after a transaction that wrote outbox rows commits, so they leave at once. */
  onOutbox?: () => void;
  /**
   * Fault injection for crash tests and the simulation: runs inside the reserve transaction after the
   * hold is written and before it commits, where a crash hurts most.
   */
  faults?: { insideHold?: () => Promise<void> };
}

const OPEN: readonly OrderStatus[] = ['submitted', 'reserved', 'accepted', 'delivered'];

export function createOrderService(deps: OrderServiceDeps): OrderService {
  const { db, clock, settings } = deps;
  const poke = () => deps.onOutbox?.();

  /** Loads the order, checks the actor may touch it, and hides other people's orders as not found. */
  async function load(trx: Db, orderId: string, actor: Actor): Promise<Order> {
    const order = await findOrder(trx, orderId);
    const visible =
      order &&
      (actor.kind === 'system' ||
        (actor.kind === 'shop' && actor.shopId === order.shop_id) ||
        (actor.kind === 'buyer' && actor.buyerId === order.buyer_id));
    if (!visible) throw new NotFoundError('order', orderId);
    return order;
  }

  /**
   * One transition: valid only from `from`, a no-op when the order is already in `to` (a repeated reply,
   * job or webhook), applied with its ledger step and notices in one write transaction.
   */
  async function transition(
    orderId: string,
    actor: Actor,
    t: { from: readonly OrderStatus[]; to: OrderStatus; apply: (trx: Db, order: Order, at: string) => Promise<void> },
  ): Promise<Order> {
    const result = await db.transaction().execute(async (trx) => {
      const order = await load(trx, orderId, actor);
      if (order.status === t.to) return order;
      if (!t.from.includes(order.status)) throw new InvalidTransitionError(order.code, order.status, t.to);
      const at = clock.now().toISOString();
      await t.apply(trx, order, at);
      return (await findOrder(trx, orderId))!;
    });
    poke();
    return result;
  }

  const summary = (o: Order, extra: Record<string, string | number | null> = {}) => ({ code: o.code, total: o.total, ...extra });

  return {
    async place(input) {
      const p = parsePlaceOrder(input);
      const now = clock.now();
      const at = now.toISOString();
      const order = await db.transaction().execute(async (trx) => {
        const buyer = await findBuyer(trx, p.buyerId);
        if (!buyer || !buyer.active) throw new NotFoundError('buyer', p.buyerId);
        const shop = await findShop(trx, p.shopId);
        if (!shop) throw new NotFoundError('shop', p.shopId);
        const ids = [...new Set(p.items.map((i) => i.productId))];
        if (ids.length !== p.items.length) throw new ValidationError('invalid order: the same product appears twice');
        const products = new Map((await productsByIds(trx, shop.id, ids)).map((x) => [x.id, x]));
        const lines = p.items.map((item, i) => {
          const product = products.get(item.productId);
          if (!product) throw new ValidationError(`invalid order: product ${item.productId} is not sold by this shop`);
          return { line_no: i + 1, product_id: product.id, name: product.name, unit: product.unit, price: product.price, quantity: item.quantity };
        });
        const total = lines.reduce((s, l) => s + l.price * l.quantity, 0);
        if (!Number.isSafeInteger(total) || total <= 0) throw new ValidationError('invalid order: the total is not a valid amount');
        const id = newId(now);
        const row = {
          id,
          code: newOrderCode(),
          buyer_id: buyer.id,
          shop_id: shop.id,
          status: 'submitted' as const,
          total,
          fulfilment: p.fulfilment,
          note: p.note,
          period: null,
          reason: null,
          paid_at: null,
          created_at: at,
          updated_at: at,
          reserved_at: null,
          accepted_at: null,
          delivered_at: null,
          closed_at: null,
          remind_at: null,
          expires_at: null,
        };
        await trx.insertInto('orders').values(row).execute();
        await trx.insertInto('order_items').values(lines.map((l) => ({ ...l, order_id: id }))).execute();
        await addToOutbox(trx, { queue: QUEUES.orders, jobName: 'reserve', jobId: jobIds.reserve(id), payload: { orderId: id } }, at);
        return row as Order;
      });
      poke();
      return order;
    },

    async reserve(orderId) {
      const result = await db.transaction().execute(async (trx): Promise<ReserveOutcome> => {
        const order = await findOrder(trx, orderId);
        if (!order) throw new NotFoundError('order', orderId);
        if (order.status !== 'submitted') return { outcome: 'unchanged', order };
        const now = clock.now();
        const at = now.toISOString();
        // The period is the month of the hold, not of the submission (the brief's rule).
        const period = periodOf(now);
        try {
          const [shop, buyer, items, s] = await Promise.all([
            findShop(trx, order.shop_id),
            findBuyer(trx, order.buyer_id),
            orderItems(trx, order.id),
            settings.all(trx),
          ]);
          if (!shop || !buyer) throw new NotFoundError('order party', orderId);
          if (shop.status === 'pending') throw new OrderRefusedError('shop_unverified', 'the shop is not verified yet');
          if (shop.status === 'suspended' || !shop.is_open) throw new OrderRefusedError('shop_closed', 'the shop is closed');
          if (!inArea(s.area_policy, buyer, shop.kelurahan_code)) {
            throw new OrderRefusedError('outside_area', `the shop is outside the buyer's ${s.area_policy}`);
          }
          const products = new Map((await productsByIds(trx, shop.id, items.map((i) => i.product_id))).map((p) => [p.id, p]));
          for (const item of items) {
            const p = products.get(item.product_id);
            if (!p || !p.active || (p.stock !== null && p.stock < item.quantity)) {
              throw new OrderRefusedError('out_of_stock', `${item.name} is out of stock`);
            }
          }
          await ledger.hold(trx, {
            orderId,
            shopId: shop.id,
            buyerId: buyer.id,
            amount: order.total,
            period,
            limits: { shopCap: shop.cap_override ?? s.shop_monthly_cap, buyerMax: s.buyer_monthly_max, orderMax: s.order_max },
            at,
          });
          for (const item of items) {
            if (products.get(item.product_id)!.stock !== null) {
              await trx.updateTable('products').set((eb) => ({ stock: eb('stock', '-', item.quantity) })).where('id', '=', item.product_id).execute();
            }
          }
          await deps.faults?.insideHold?.();
          const remindAt = new Date(now.getTime() + s.shop_reminder_minutes * 60_000);
          const expiresAt = new Date(now.getTime() + s.order_expiry_minutes * 60_000);
          await updateOrder(trx, orderId, {
            status: 'reserved', period, reserved_at: at, updated_at: at,
            remind_at: remindAt.toISOString(), expires_at: expiresAt.toISOString(),
          });
          const lines = items.map((i) => `${i.quantity} × ${i.name}${i.unit ? ` (${i.unit})` : ''}`).join('\n');
          await noticeShop(trx, order, 'order.new', { ...summary(order), orderId, items: lines, fulfilment: order.fulfilment, note: order.note, area: buyer.domicile_kelurahan ?? buyer.office_kelurahan }, at);
          await addToOutbox(trx, { queue: QUEUES.orders, jobName: 'remind', jobId: jobIds.remind(orderId), payload: { orderId }, delayUntil: remindAt }, at);
          await addToOutbox(trx, { queue: QUEUES.orders, jobName: 'expire', jobId: jobIds.expire(orderId), payload: { orderId }, delayUntil: expiresAt }, at);
          return { outcome: 'reserved', order: (await findOrder(trx, orderId))! };
        } catch (error) {
          // Refusal checks all run before the first write, so the transaction is still clean here.
          if (!(error instanceof OrderRefusedError)) throw error;
          await updateOrder(trx, orderId, { status: 'refused', reason: error.reason, closed_at: at, updated_at: at });
          await noticeBuyer(trx, order, 'order.refused', summary(order, { reason: error.reason }), at);
          return { outcome: 'refused', order: (await findOrder(trx, orderId))!, reason: error.reason };
        }
      });
      poke();
      return result;
    },

    accept(orderId, actor) {
      return transition(orderId, actor, {
        from: ['reserved'],
        to: 'accepted',
        apply: async (trx, o, at) => {
          await updateOrder(trx, o.id, { status: 'accepted', accepted_at: at, updated_at: at });
          const shop = await findShop(trx, o.shop_id);
          await noticeBuyer(trx, o, 'order.accepted', summary(o, { orderId: o.id, shop: shop?.name ?? '', payment: shop?.payment_instructions ?? '' }), at);
        },
      });
    },

    reject(orderId, actor, reason) {
      return transition(orderId, actor, {
        from: ['reserved'],
        to: 'rejected',
        apply: async (trx, o, at) => {
          await ledger.release(trx, o.id, at);
          await restock(trx, o.id);
          await updateOrder(trx, o.id, { status: 'rejected', reason: reason.slice(0, 300), closed_at: at, updated_at: at });
          await noticeBuyer(trx, o, 'order.rejected', summary(o, { reason: reason.slice(0, 300) }), at);
        },
      });
    },

    cancel(orderId, actor) {
      return transition(orderId, actor, {
        from: ['submitted', 'reserved'],
        to: 'cancelled',
        apply: async (trx, o, at) => {
          await ledger.release(trx, o.id, at);
          if (o.status === 'reserved') {
            await restock(trx, o.id);
            await noticeShop(trx, o, 'order.cancelled', summary(o), at);
          }
          await updateOrder(trx, o.id, { status: 'cancelled', reason: 'by_buyer', closed_at: at, updated_at: at });
        },
      });
    },

    markDelivered(orderId, actor) {
      return transition(orderId, actor, {
        from: ['accepted'],
        to: 'delivered',
        apply: async (trx, o, at) => {
          if (o.paid_at) {
            await complete(trx, o, at, { delivered_at: at });
            return;
          }
          await updateOrder(trx, o.id, { status: 'delivered', delivered_at: at, updated_at: at });
          if (actor.kind === 'shop') await noticeBuyer(trx, o, 'order.delivered', summary(o, { orderId: o.id }), at);
          else await noticeShop(trx, o, 'order.received', summary(o, { orderId: o.id }), at);
        },
      });
    },

    async confirmPaid(orderId, actor) {
      const result = await db.transaction().execute(async (trx) => {
        const o = await load(trx, orderId, actor);
        if (actor.kind === 'buyer') throw new InvalidTransitionError(o.code, o.status, 'confirmed paid by the buyer');
        if (o.status === 'completed' || (o.status === 'accepted' && o.paid_at)) return o;
        if (o.status !== 'accepted' && o.status !== 'delivered') throw new InvalidTransitionError(o.code, o.status, 'paid');
        const at = clock.now().toISOString();
        if (o.status === 'accepted') await updateOrder(trx, o.id, { paid_at: at, updated_at: at });
        else await complete(trx, o, at, {});
        return (await findOrder(trx, orderId))!;
      });
      poke();
      return result;
    },

    async remind(orderId) {
      const result = await db.transaction().execute(async (trx) => {
        const o = await findOrder(trx, orderId);
        if (!o) throw new NotFoundError('order', orderId);
        if (o.status === 'reserved' && o.remind_at) {
          const at = clock.now().toISOString();
          await noticeShop(trx, o, 'order.reminder', summary(o, { orderId: o.id }), at);
          // Cleared so that the sweeper does not find it overdue again.
          await updateOrder(trx, o.id, { remind_at: null, updated_at: at });
        }
        return o;
      });
      poke();
      return result;
    },

    async expire(orderId) {
      const result = await db.transaction().execute(async (trx) => {
        const o = await findOrder(trx, orderId);
        if (!o) throw new NotFoundError('order', orderId);
        // A late timer for an order that moved on is normal, not an error.
        if (o.status !== 'reserved') return o;
        const at = clock.now().toISOString();
        await ledger.release(trx, o.id, at);
        await restock(trx, o.id);
        await updateOrder(trx, o.id, { status: 'expired', reason: 'no_answer', closed_at: at, updated_at: at });
        await noticeBuyer(trx, o, 'order.expired', summary(o), at);
        await noticeShop(trx, o, 'order.expired_shop', summary(o), at);
        return (await findOrder(trx, orderId))!;
      });
      poke();
      return result;
    },

    get: (orderId) => findOrder(db, orderId),
    getByCode: (code) => findOrderByCode(db, code),
  };

  async function complete(trx: Db, o: Order, at: string, extra: { delivered_at?: string }): Promise<void> {
    await ledger.commit(trx, o.id, at);
    await updateOrder(trx, o.id, { ...extra, status: 'completed', paid_at: o.paid_at ?? at, closed_at: at, updated_at: at });
    await noticeBuyer(trx, o, 'order.completed', summary(o), at);
    await noticeShop(trx, o, 'order.completed_shop', summary(o), at);
  }
}

/** Stock taken by a hold goes back when the hold is released. */
async function restock(trx: Db, orderId: string): Promise<void> {
  for (const item of await orderItems(trx, orderId)) {
    await trx
      .updateTable('products')
      .set((eb) => ({ stock: eb('stock', '+', item.quantity) }))
      .where('id', '=', item.product_id)
      .where('stock', 'is not', null)
      .execute();
  }
}

export { OPEN as OPEN_ORDER_STATUSES };
