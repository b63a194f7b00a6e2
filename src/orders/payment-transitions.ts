import type { Db } from '../db/database.js';
import { ledger } from '../ledger/index.js';
import { recordAudit } from '../audit/audit.repository.js';
import type { Clock } from '../shared/clock.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import { flag, NO_DEADLINES } from './deadline-steps.js';
import { InvalidTransitionError } from './order.errors.js';
import { logOrderEvent } from './order-log.js';
import { noticeBuyer, noticeShop, summary } from './order-notices.js';
import { findOrder, restock, updateOrder } from './order.repository.js';
import type { Actor, Order } from './order.service.js';
import type { OrderStatus, PaymentMethod } from './order.table.js';
import { AlreadyStatedError, NotUnderReviewError } from './payment.errors.js';

export interface PaidClaimInput {
  method: PaymentMethod | null;
  /** A photo of the transfer receipt, saved by the channel adapter under the media folder. */
  receipt?: string | null;
}

export interface Resolution {
  outcome: 'complete' | 'cancel';
  /** Why, in the admin's words (shown to both sides, kept in the log and the audit). */
  reason: string;
}

/**
 * Paid and received, from both sides. The buyer says "sudah bayar"; the shop says the money arrived
 * (confirmPaid, which completes a delivered order as before) or that it did not. When the two disagree
 * the order goes on the admins' review list as a dispute, where an admin completes or cancels it.
 */
export interface PaymentTransitions {
  /** The buyer says they paid. A second claim is an AlreadyStatedError; the shop is asked to confirm. */
  claimPaid(orderId: string, actor: Actor, claim: PaidClaimInput): Promise<Order>;
  /** The shop says the buyer's payment has not arrived: a dispute. */
  denyReceived(orderId: string, actor: Actor): Promise<Order>;
  /** The buyer says they have not paid, though the shop recorded the money as received: a dispute. */
  denyPaid(orderId: string, actor: Actor): Promise<Order>;
  /** An admin completes (commits the hold) or cancels (releases it) an order on the review list. Audited. */
  resolve(orderId: string, actor: Actor, r: Resolution): Promise<Order>;
}

type Transition = (
  orderId: string,
  actor: Actor,
  t: {
    from: readonly OrderStatus[];
    to: OrderStatus;
    event?: string;
    detail?: Record<string, unknown>;
    apply: (trx: Db, order: Order, at: string) => Promise<void>;
  },
) => Promise<Order>;

export interface PaymentTransitionDeps {
  db: Db;
  clock: Clock;
  load: (trx: Db, orderId: string, actor: Actor) => Promise<Order>;
  transition: Transition;
  complete: (trx: Db, o: Order, at: string, extra: { delivered_at?: string }) => Promise<void>;
  poke: () => void;
}

const PAYABLE: readonly OrderStatus[] = ['accepted', 'delivered'];

export function createPaymentTransitions(deps: PaymentTransitionDeps): PaymentTransitions {
  const { db, clock, load, transition, complete, poke } = deps;

  /** Both statements are on the log; the flag puts the order on the admins' list (and stops its timers). */
  const dispute = async (trx: Db, o: Order, at: string) => {
    await flag(trx, o, 'dispute', at);
  };

  /** A statement about an order that leaves its status as it is (or completes it), logged with it. */
  async function statement(
    orderId: string,
    actor: Actor,
    run: (
      trx: Db,
      o: Order,
      at: string,
    ) => Promise<{ event: string; to: OrderStatus; detail?: Record<string, unknown> } | null>,
  ) {
    const result = await db.transaction().execute(async (trx) => {
      const o = await load(trx, orderId, actor);
      const at = clock.now().toISOString();
      const logged = await run(trx, o, at);
      if (logged)
        await logOrderEvent(trx, {
          orderId,
          actor,
          event: logged.event,
          at,
          from: o.status,
          to: logged.to,
          detail: logged.detail,
        });
      return (await findOrder(trx, orderId))!;
    });
    poke();
    return result;
  }

  return {
    claimPaid(orderId, actor, claim) {
      return statement(orderId, actor, async (trx, o, at) => {
        if (actor.kind !== 'buyer') throw new NotFoundError('order', orderId);
        if (o.buyer_paid_at) throw new AlreadyStatedError(o.code, 'buyer_paid', o.buyer_paid_at);
        if (!PAYABLE.includes(o.status)) throw new InvalidTransitionError(o.code, o.status, 'paid');
        const receipt = claim.receipt ?? null;
        await updateOrder(trx, o.id, {
          buyer_paid_at: at,
          payment_method: claim.method,
          payment_receipt: receipt,
          updated_at: at,
        });
        const detail = { method: claim.method, receipt };
        if (o.paid_at) {
          // The shop said so first: both agree now. A dispute raised by the buyer's earlier "belum" ends.
          if (o.review_reason === 'dispute') await updateOrder(trx, o.id, { review_reason: null, review_at: null });
          if (o.status === 'delivered') {
            await complete(trx, { ...o, payment_method: claim.method }, at, {});
            return { event: 'buyer_paid', to: 'completed', detail };
          }
          return { event: 'buyer_paid', to: o.status, detail };
        }
        await noticeShop(trx, o, 'order.buyer_paid', summary(o, { orderId: o.id, method: claim.method, receipt }), at);
        return { event: 'buyer_paid', to: o.status, detail };
      });
    },

    denyReceived(orderId, actor) {
      return statement(orderId, actor, async (trx, o, at) => {
        if (actor.kind !== 'shop') throw new NotFoundError('order', orderId);
        if (!PAYABLE.includes(o.status) || !o.buyer_paid_at || o.paid_at)
          throw new InvalidTransitionError(o.code, o.status, 'disputed as not received');
        if (o.review_reason === 'dispute') return null;
        await dispute(trx, o, at);
        await noticeBuyer(trx, o, 'order.disputed', summary(o, { orderId: o.id }), at);
        return { event: 'shop_not_received', to: o.status };
      });
    },

    denyPaid(orderId, actor) {
      return statement(orderId, actor, async (trx, o, at) => {
        if (actor.kind !== 'buyer') throw new NotFoundError('order', orderId);
        if (!PAYABLE.includes(o.status) || !o.paid_at || o.buyer_paid_at)
          throw new InvalidTransitionError(o.code, o.status, 'disputed as not paid');
        if (o.review_reason === 'dispute') return null;
        await dispute(trx, o, at);
        await noticeShop(trx, o, 'order.disputed_shop', summary(o, { orderId: o.id }), at);
        return { event: 'buyer_not_paid', to: o.status };
      });
    },

    resolve(orderId, actor, r) {
      if (actor.kind !== 'admin') return Promise.reject(new NotFoundError('order', orderId));
      const reason = r.reason.trim().slice(0, 300);
      if (!reason) return Promise.reject(new ValidationError('a resolution needs a reason', ['reason: required']));
      const to = r.outcome === 'complete' ? 'completed' : 'cancelled';
      return transition(orderId, actor, {
        from: PAYABLE,
        to,
        event: `resolved_${to}`,
        detail: { reason },
        apply: async (trx, o, at) => {
          if (!o.review_reason) throw new NotUnderReviewError(o.code);
          const before = { status: o.status, review: o.review_reason };
          if (r.outcome === 'complete') {
            await complete(trx, o, at, o.delivered_at ? {} : { delivered_at: at });
            await updateOrder(trx, o.id, { reason, review_reason: null, review_at: null });
          } else {
            await ledger.release(trx, o.id, at);
            // Goods that never left the shop go back on its shelf; delivered ones are gone.
            if (o.status === 'accepted') await restock(trx, o.id);
            await updateOrder(trx, o.id, {
              status: 'cancelled',
              reason,
              closed_at: at,
              updated_at: at,
              review_reason: null,
              review_at: null,
              ...NO_DEADLINES,
            });
            await noticeBuyer(trx, o, 'order.resolved_cancelled', summary(o, { reason }), at);
            await noticeShop(trx, o, 'order.resolved_cancelled', summary(o, { reason }), at);
          }
          await recordAudit(trx, {
            actor: actor.name,
            action: `order.resolve_${r.outcome}`,
            entity: 'order',
            entityId: o.id,
            before: { code: o.code, ...before },
            after: { status: to, reason },
            at,
          });
        },
      });
    },
  };
}
