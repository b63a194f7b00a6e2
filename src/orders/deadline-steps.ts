import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import { recordAudit } from '../audit/audit.repository.js';
import { ledger } from '../ledger/index.js';
import { addToOutbox } from '../outbox/outbox.repository.js';
import { jobIds, ORDER_QUEUE } from './orders.jobs.js';
import type { Settings } from '../settings/settings.schema.js';
import { nextOpening, wibTime } from '../shops/opening-hours.js';
import { findShop } from '../shops/shop.repository.js';
import {
  DEADLINE_STEPS,
  deadlinesFor,
  NEXT_STEP,
  shopHours,
  type DeadlineState,
  type DeadlineStep,
} from './deadlines.js';
import { noticeBuyer, noticeShop, summary } from './order-notices.js';
import { findOrder, lockOrders, restock, updateOrder } from './order.repository.js';
import { logOrderEvent } from './order-log.js';
import type { OrderTable, ReviewReason } from './order.table.js';

type Order = Selectable<OrderTable>;

const FIRST_STEP: Record<Exclude<DeadlineState, 'reserved'>, DeadlineStep> = {
  accepted: 'accepted_remind',
  delivered: 'delivered_remind',
};

/** Puts the timer of a step on the outbox (a delayed job on the orders queue). */
async function scheduleStep(
  trx: Db,
  step: DeadlineStep,
  orderIds: readonly string[],
  due: string,
  at: string,
): Promise<void> {
  await addToOutbox(
    trx,
    {
      queue: ORDER_QUEUE,
      jobName: 'deadline',
      jobId: jobIds.deadline(step, orderIds[0]!),
      payload: { step, orderIds },
      delayUntil: new Date(due),
    },
    at,
  );
}

/**
 * Writes the deadlines of the state an order just entered (accepted or delivered), counted in its shop's
 * opening hours from `at`, and the timer of the state's first step. Part of the transition's transaction.
 */
export async function enterState(
  trx: Db,
  o: Pick<Order, 'id' | 'shop_id'>,
  state: Exclude<DeadlineState, 'reserved'>,
  at: string,
  s: Settings,
): Promise<void> {
  const shop = await findShop(trx, o.shop_id);
  if (!shop) return;
  const d = deadlinesFor(state, new Date(at), shopHours(shop, s), s);
  await updateOrder(trx, o.id, d);
  await scheduleStep(trx, FIRST_STEP[state], [o.id], d.remind_at!, at);
}

/** Leaves the deadlines of the state behind (a final state, or an admin who took the order over). */
export const NO_DEADLINES = { remind_at: null, ask_at: null, expires_at: null } as const;

/**
 * Puts an order on the admins' review list. Valid for accepted and delivered orders; a dispute outranks
 * an overdue payment, and flagging again with the same (or a lesser) reason changes nothing. The order's
 * timers stop: from here an admin decides (complete or cancel). Audited.
 */
export async function flag(trx: Db, o: Order, reason: ReviewReason, at: string): Promise<boolean> {
  if (o.status !== 'accepted' && o.status !== 'delivered') return false;
  if (o.review_reason === reason || o.review_reason === 'dispute') return false;
  await updateOrder(trx, o.id, { review_reason: reason, review_at: at, updated_at: at, ...NO_DEADLINES });
  await recordAudit(trx, {
    actor: 'system',
    action: 'order.review',
    entity: 'order',
    entityId: o.id,
    before: o.review_reason,
    after: reason,
    at,
  });
  await logOrderEvent(trx, {
    orderId: o.id,
    actor: { kind: 'system' },
    event: 'review',
    at,
    from: o.status,
    to: o.status,
    detail: { reason },
  });
  return true;
}

/**
 * Applies one deadline step to the orders given (a timer's group, or what the sweeper found overdue), in
 * the caller's transaction. An order applies only while it is in the step's state with the step due
 * (its column set and not in the future), so a late or repeated timer, or one of a state left, changes
 * nothing. Returns the orders the step was applied to.
 */
export async function applyStep(trx: Db, step: DeadlineStep, orderIds: readonly string[], now: Date): Promise<Order[]> {
  const { status, column } = DEADLINE_STEPS[step];
  const at = now.toISOString();
  const applied: Order[] = [];
  const next = NEXT_STEP[step];
  const nextTimers = new Map<string, string[]>();
  // On PostgreSQL: the orders, and for an expiry their balances, locked up front in the order every writer
  // takes them (lockOrders, ledger.lockForClosing); a no-op on SQLite.
  await lockOrders(trx, orderIds);
  if (step === 'accepted_expire') await ledger.lockForClosing(trx, orderIds);
  for (const id of orderIds) {
    const o = await findOrder(trx, id);
    const due = o?.[column];
    if (!o || o.status !== status || !due || due > at) continue;
    await apply(trx, step, o, at);
    applied.push(o);
    const nextDue = next ? o[DEADLINE_STEPS[next].column] : null;
    if (next && nextDue) nextTimers.set(nextDue, [...(nextTimers.get(nextDue) ?? []), o.id]);
  }
  // Orders of one timer usually share their next instant too: one timer per instant.
  for (const [due, ids] of nextTimers) await scheduleStep(trx, next!, ids, due, at);
  return applied;
}

async function apply(trx: Db, step: DeadlineStep, o: Order, at: string): Promise<void> {
  const params = summary(o, { orderId: o.id });
  switch (step) {
    case 'reserved_remind':
    case 'reserved_expire':
      // The order service's remindMany and expire keep the reserved steps (batch timers of the hot path).
      throw new Error(`${step} is applied by the order service`);
    case 'accepted_remind':
      await noticeShop(trx, o, 'order.deliver_reminder', params, at);
      await updateOrder(trx, o.id, { remind_at: null, updated_at: at });
      return;
    case 'accepted_ask':
      await noticeBuyer(trx, o, 'order.ask_received', params, at);
      await updateOrder(trx, o.id, { remind_at: null, ask_at: null, updated_at: at });
      return;
    case 'accepted_expire':
      await ledger.release(trx, o.id, at);
      await restock(trx, o.id);
      await updateOrder(trx, o.id, {
        status: 'expired',
        reason: 'not_delivered',
        closed_at: at,
        updated_at: at,
        ...NO_DEADLINES,
      });
      await logOrderEvent(trx, {
        orderId: o.id,
        actor: { kind: 'system' },
        event: 'expired',
        at,
        from: o.status,
        to: 'expired',
        detail: { reason: 'not_delivered' },
      });
      await noticeBuyer(trx, o, 'order.expired_undelivered', summary(o), at);
      await noticeShop(trx, o, 'order.expired_undelivered_shop', summary(o), at);
      return;
    case 'delivered_remind':
      await noticeBuyer(trx, o, 'order.payment_reminder', params, at);
      await noticeShop(trx, o, 'order.payment_reminder_shop', params, at);
      await updateOrder(trx, o.id, { remind_at: null, updated_at: at });
      return;
    case 'delivered_review':
      if (await flag(trx, o, 'payment_overdue', at)) {
        await noticeBuyer(trx, o, 'order.review', summary(o), at);
        await noticeShop(trx, o, 'order.review_shop', summary(o), at);
      } else {
        await updateOrder(trx, o.id, { expires_at: null, updated_at: at });
      }
      return;
  }
}

/**
 * When a shop that is outside its hours will answer an order reserved now ('HH:MM' WIB, with the day when
 * it is not today), or null while it is open. For the buyer's "the shop answers from 06:00" notice.
 */
export function opensLater(
  shop: Parameters<typeof shopHours>[0],
  s: Settings,
  now: Date,
): { time: string; date: string } | null {
  const opens = nextOpening(shopHours(shop, s), now);
  if (opens.getTime() <= now.getTime()) return null;
  return { time: wibTime(opens), date: new Date(opens.getTime() + 7 * 3_600_000).toISOString().slice(0, 10) };
}
