import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import { ledger, type RefusalReason } from '../ledger/index.js';
import { addToOutbox } from '../outbox/outbox.repository.js';
import { jobIds, ORDER_QUEUE } from './orders.jobs.js';
import type { SettingsService } from '../settings/settings.service.js';
import type { Clock } from '../shared/clock.js';
import { NotFoundError } from '../shared/errors.js';
import { shopContactCard } from '../shops/shop.repository.js';
import { InvalidTransitionError } from './order.errors.js';
import { noticeBuyer, noticeShop, summary } from './order-notices.js';
import {
  findOrder,
  findOrderByCode,
  findOrderForUpdate,
  lockOrders,
  restock,
  updateOrder,
} from './order.repository.js';
import type { OrderStatus, OrderTable } from './order.table.js';
import { parsePlaceOrder, type PlaceOrder, type PlaceOrderInput } from './place-order.input.js';
import { placeBatch } from './place-order.js';
import { createGroupCommit, inBatchTransaction } from '../db/group-commit.js';
import { reserveBatch } from './reserve-order.js';
import { logOrderEvent } from './order-log.js';
import { applyStep, enterState, flag, NO_DEADLINES } from './deadline-steps.js';
import type { DeadlineStep } from './deadlines.js';
import type { ReviewReason } from './order.table.js';
import { createPaymentTransitions, type PaymentTransitions } from './payment-transitions.js';
import { receiptParams } from './receipt.js';

export type Order = Selectable<OrderTable>;

/** Where a person spoke from, for the order's log: the channel, and their phone when it is known. */
export interface Via {
  channel: string;
  phone?: string;
}

/**
 * Who asks for a transition: the order's own shop (owner or helper), its buyer, an admin (any order), or the
 * system. `via` says where from, for the order's log (order_events).
 */
export type Actor = (
  | { kind: 'shop'; shopId: number }
  | { kind: 'buyer'; buyerId: number }
  | { kind: 'system' }
  | { kind: 'admin'; name: string }
) & { via?: Via };

export type ReserveOutcome =
  | { outcome: 'reserved'; order: Order }
  | { outcome: 'refused'; order: Order; reason: RefusalReason }
  /** The job ran before (a retry or a duplicate delivery): nothing changed. */
  | { outcome: 'unchanged'; order: Order };

export interface OrderService extends PaymentTransitions {
  /** Writes the order and its reserve job in one transaction: once this returns, the order is durable. */
  place(input: PlaceOrderInput): Promise<Order>;
  /** The worker's step: the ledger hold, or a refusal with its reason. Idempotent. */
  reserve(orderId: string): Promise<ReserveOutcome>;
  /** Several reserves in one transaction; each result is its outcome or the error that stopped it. */
  reserveMany(orderIds: readonly string[]): Promise<(ReserveOutcome | Error)[]>;
  /** `note`: the shop's own words with its yes ("kirim habis maghrib"), passed on to the buyer. */
  accept(orderId: string, actor: Actor, note?: string | null): Promise<Order>;
  reject(orderId: string, actor: Actor, reason: string): Promise<Order>;
  cancel(orderId: string, actor: Actor): Promise<Order>;
  /** The shop (or the buyer, confirming receipt) says the goods arrived. */
  markDelivered(orderId: string, actor: Actor): Promise<Order>;
  /** The shop confirms it received the payment. Completes a delivered order. */
  confirmPaid(orderId: string, actor: Actor): Promise<Order>;
  remind(orderId: string): Promise<Order>;
  /**
   * Reminds the shops of those orders that still wait for an answer, and schedules their expiry with one
   * timer for the group. Orders that moved on, or are unknown, are skipped. Returns the orders found.
   */
  remindMany(orderIds: readonly string[]): Promise<Order[]>;
  expire(orderId: string): Promise<Order>;
  /** expire() for several orders in one transaction (the sweeper's overdue ones); unknown ones are skipped. */
  expireMany(orderIds: readonly string[]): Promise<Order[]>;
  /**
   * A deadline step of accepted or delivered orders (deadlines.ts): applied to those of the orders that are
   * in the step's state with the step due, in one transaction. Returns the orders it was applied to.
   */
  applyDeadline(
    step: Exclude<DeadlineStep, 'reserved_remind' | 'reserved_expire'>,
    orderIds: readonly string[],
  ): Promise<Order[]>;
  /**
   * Puts an accepted or delivered order on the admins' review list ("perlu ditinjau") with its reason; its
   * timers stop. Idempotent; a dispute outranks an overdue payment. Audited.
   */
  flagForReview(orderId: string, reason: ReviewReason): Promise<Order>;
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
  /** Draws an order code (default: random, ids.ts); tests give one that repeats, to show a collision. */
  orderCode?: () => string;
}

const OPEN: readonly OrderStatus[] = ['submitted', 'reserved', 'accepted', 'delivered'];

export function createOrderService(deps: OrderServiceDeps): OrderService {
  const { db, clock, settings } = deps;
  const poke = () => deps.onOutbox?.();

  /**
   * Loads the order (locked on PostgreSQL until the commit: findOrderForUpdate), checks the actor may touch
   * it, and hides other people's orders as not found.
   */
  async function load(trx: Db, orderId: string, actor: Actor): Promise<Order> {
    const order = await findOrderForUpdate(trx, orderId);
    const visible =
      order &&
      (actor.kind === 'system' ||
        actor.kind === 'admin' ||
        (actor.kind === 'shop' && actor.shopId === order.shop_id) ||
        (actor.kind === 'buyer' && actor.buyerId === order.buyer_id));
    if (!visible) throw new NotFoundError('order', orderId);
    return order;
  }

  /**
   * One transition: valid only from `from`, a no-op when the order is already in `to` (a repeated reply,
   * job or webhook), applied with its ledger step, notices and a line of the order's log (event: `to`,
   * unless named) in one write transaction.
   */
  async function transition(
    orderId: string,
    actor: Actor,
    t: {
      from: readonly OrderStatus[];
      to: OrderStatus;
      event?: string;
      detail?: Record<string, unknown>;
      apply: (trx: Db, order: Order, at: string) => Promise<void>;
    },
  ): Promise<Order> {
    const result = await db.transaction().execute(async (trx) => {
      const order = await load(trx, orderId, actor);
      if (order.status === t.to) return order;
      if (!t.from.includes(order.status)) throw new InvalidTransitionError(order.code, order.status, t.to);
      const at = clock.now().toISOString();
      await t.apply(trx, order, at);
      // The status it ended in: a delivery of a paid order completes it.
      const after = (await findOrder(trx, orderId))!;
      await logOrderEvent(trx, {
        orderId,
        actor,
        event: t.event ?? t.to,
        at,
        from: order.status,
        to: after.status,
        detail: t.detail,
      });
      return after;
    });
    poke();
    return result;
  }

  // Orders placed at the same moment (many chats at once) share one commit; each still gets its own
  // answer, and only after the commit, so an acknowledged order is always durable.
  const placeGrouped = createGroupCommit({
    maxBatch: 64,
    runBatch: (inputs: PlaceOrder[]) =>
      inBatchTransaction(db, inputs, (trx, batch) => placeBatch(trx, batch, clock.now(), deps.orderCode)),
  });

  return {
    async place(input) {
      const order = await placeGrouped(parsePlaceOrder(input));
      poke();
      return order;
    },

    async reserve(orderId) {
      const [result] = await this.reserveMany([orderId]);
      if (result instanceof Error) throw result;
      return result!;
    },

    async reserveMany(orderIds) {
      const reserveDeps = { clock, settings, faults: deps.faults };
      const results = await inBatchTransaction(db, orderIds, (trx, ids) => reserveBatch(trx, ids, reserveDeps));
      poke();
      return results;
    },

    accept(orderId, actor, note = null) {
      return transition(orderId, actor, {
        from: ['reserved'],
        to: 'accepted',
        apply: async (trx, o, at) => {
          await updateOrder(trx, o.id, { status: 'accepted', accepted_at: at, updated_at: at });
          await enterState(trx, o, 'accepted', at, await settings.all(trx));
          // The buyer learns where the shop is and how to reach it (and, from the notify delivery, the payable QR).
          const shop = await shopContactCard(trx, o.shop_id);
          await noticeBuyer(
            trx,
            o,
            'order.accepted',
            summary(o, {
              orderId: o.id,
              shop: shop?.name ?? '',
              payment: shop?.payment_instructions ?? '',
              fulfilment: o.fulfilment,
              address: o.delivery_address,
              shopAddress: shop?.address ?? '',
              shopKelurahan: shop?.kelurahan ?? '',
              shopPhone: shop?.phone ?? '',
              ...(note ? { shopNote: note.slice(0, 300) } : {}),
            }),
            at,
          );
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
          await updateOrder(trx, o.id, {
            status: 'rejected',
            reason: reason.slice(0, 300),
            closed_at: at,
            updated_at: at,
          });
          await noticeBuyer(trx, o, 'order.rejected', summary(o, { reason: reason.slice(0, 300) }), at);
        },
      });
    },

    cancel(orderId, actor) {
      return transition(orderId, actor, {
        // An accepted order only once its buyer was asked "Sudah diterima?" and answered no (deadlines.ts).
        from: ['submitted', 'reserved', 'accepted'],
        to: 'cancelled',
        apply: async (trx, o, at) => {
          const notReceived = o.status === 'accepted';
          if (notReceived && (o.ask_at !== null || o.review_reason !== null || actor.kind === 'shop')) {
            throw new InvalidTransitionError(
              o.code,
              o.status,
              'cancelled before the buyer was asked whether it arrived',
            );
          }
          await ledger.release(trx, o.id, at);
          if (o.status !== 'submitted') {
            await restock(trx, o.id);
            await noticeShop(trx, o, notReceived ? 'order.cancelled_not_received' : 'order.cancelled', summary(o), at);
          }
          await updateOrder(trx, o.id, {
            status: 'cancelled',
            reason: notReceived ? 'not_received' : 'by_buyer',
            closed_at: at,
            updated_at: at,
            ...NO_DEADLINES,
          });
        },
      });
    },

    markDelivered(orderId, actor) {
      return transition(orderId, actor, {
        from: ['accepted'],
        to: 'delivered',
        apply: async (trx, o, at) => {
          // Paid first and delivered now completes, unless the buyer disputed the payment (an admin decides).
          if (o.paid_at && o.review_reason !== 'dispute') {
            await complete(trx, o, at, { delivered_at: at });
            return;
          }
          await updateOrder(trx, o.id, { status: 'delivered', delivered_at: at, updated_at: at, ask_at: null });
          await enterState(trx, o, 'delivered', at, await settings.all(trx));
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
        if (o.status !== 'accepted' && o.status !== 'delivered')
          throw new InvalidTransitionError(o.code, o.status, 'paid');
        const at = clock.now().toISOString();
        // The shop now has the money: a dispute over it (its own earlier "belum") is settled.
        if (o.review_reason === 'dispute') await updateOrder(trx, o.id, { review_reason: null, review_at: null });
        if (o.status === 'accepted') await updateOrder(trx, o.id, { paid_at: at, updated_at: at });
        else await complete(trx, o, at, {});
        // Before delivery the buyer is asked to agree ("benar sudah bayar? 1 ya 2 belum"); a no is a dispute.
        if (o.status === 'accepted' && !o.buyer_paid_at)
          await noticeBuyer(trx, o, 'order.shop_paid', summary(o, { orderId: o.id }), at);
        await logOrderEvent(trx, {
          orderId,
          actor,
          event: 'shop_received',
          at,
          from: o.status,
          to: o.status === 'accepted' ? 'accepted' : 'completed',
        });
        return (await findOrder(trx, orderId))!;
      });
      poke();
      return result;
    },

    async remind(orderId) {
      const [order] = await this.remindMany([orderId]);
      if (!order) throw new NotFoundError('order', orderId);
      return order;
    },

    async remindMany(orderIds) {
      const result = await db.transaction().execute(async (trx) => {
        await lockOrders(trx, orderIds);
        const at = clock.now().toISOString();
        const found: Order[] = [];
        const expiring: Order[] = [];
        for (const id of orderIds) {
          const o = await findOrder(trx, id);
          if (!o) continue;
          found.push(o);
          if (o.status !== 'reserved' || !o.remind_at) continue;
          await noticeShop(trx, o, 'order.reminder', summary(o, { orderId: o.id }), at);
          // Cleared so that the sweeper does not find it overdue again.
          await updateOrder(trx, o.id, { remind_at: null, updated_at: at });
          if (o.expires_at) expiring.push(o);
        }
        if (expiring.length > 0) {
          // The group's latest expiry, so that none is given up early (orders reserved together share it).
          const last = expiring
            .map((o) => o.expires_at!)
            .sort()
            .at(-1)!;
          const payload = { orderIds: expiring.map((o) => o.id) };
          await addToOutbox(
            trx,
            {
              queue: ORDER_QUEUE,
              jobName: 'expire',
              jobId: jobIds.expire(expiring[0]!.id),
              payload,
              delayUntil: new Date(last),
            },
            at,
          );
        }
        return found;
      });
      poke();
      return result;
    },

    async expire(orderId) {
      const [order] = await this.expireMany([orderId]);
      if (!order) throw new NotFoundError('order', orderId);
      return order;
    },

    async expireMany(orderIds) {
      const result = await db.transaction().execute(async (trx) => {
        await lockOrders(trx, orderIds);
        await ledger.lockForClosing(trx, orderIds);
        const found: Order[] = [];
        const at = clock.now().toISOString();
        for (const orderId of orderIds) {
          const o = await findOrder(trx, orderId);
          if (!o) continue;
          // A late timer for an order that moved on is normal, not an error.
          if (o.status !== 'reserved') {
            found.push(o);
            continue;
          }
          await ledger.release(trx, o.id, at);
          await restock(trx, o.id);
          await updateOrder(trx, o.id, { status: 'expired', reason: 'no_answer', closed_at: at, updated_at: at });
          await noticeBuyer(trx, o, 'order.expired', summary(o), at);
          await noticeShop(trx, o, 'order.expired_shop', summary(o), at);
          await logOrderEvent(trx, {
            orderId,
            actor: { kind: 'system' },
            event: 'expired',
            at,
            from: o.status,
            to: 'expired',
          });
          found.push((await findOrder(trx, orderId))!);
        }
        return found;
      });
      poke();
      return result;
    },

    async applyDeadline(step, orderIds) {
      const result = await db.transaction().execute((trx) => applyStep(trx, step, orderIds, clock.now()));
      poke();
      return result;
    },

    async flagForReview(orderId, reason) {
      const result = await db.transaction().execute(async (trx) => {
        const o = await findOrderForUpdate(trx, orderId);
        if (!o) throw new NotFoundError('order', orderId);
        if (o.status !== 'accepted' && o.status !== 'delivered' && o.review_reason !== reason)
          throw new InvalidTransitionError(o.code, o.status, `put on review (${reason})`);
        await flag(trx, o, reason, clock.now().toISOString());
        return (await findOrder(trx, orderId))!;
      });
      poke();
      return result;
    },

    get: (orderId) => findOrder(db, orderId),
    getByCode: (code) => findOrderByCode(db, code),
    ...createPaymentTransitions({ db, clock, load, transition, complete, poke }),
  };

  async function complete(trx: Db, o: Order, at: string, extra: { delivered_at?: string }): Promise<void> {
    await ledger.commit(trx, o.id, at);
    await updateOrder(trx, o.id, {
      ...extra,
      status: 'completed',
      paid_at: o.paid_at ?? at,
      closed_at: at,
      updated_at: at,
      ...NO_DEADLINES,
    });
    // The completion notices carry the receipt (order code, lines, total, parties, WIB time, method).
    const receipt = summary(o, await receiptParams(trx, o, at));
    await noticeBuyer(trx, o, 'order.completed', receipt, at);
    await noticeShop(trx, o, 'order.completed_shop', receipt, at);
  }
}

export { OPEN as OPEN_ORDER_STATUSES };
