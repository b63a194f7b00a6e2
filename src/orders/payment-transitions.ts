import type { Db } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import { NotFoundError } from '../shared/errors.js';
import { InvalidTransitionError } from './order.errors.js';
import { logOrderEvent } from './order-log.js';
import { noticeShop, summary } from './order-notices.js';
import { findOrder, updateOrder } from './order.repository.js';
import type { Actor, Order } from './order.service.js';
import type { OrderStatus, PaymentMethod } from './order.table.js';
import { AlreadyStatedError } from './payment.errors.js';

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
}

type Transition = (
  orderId: string,
  actor: Actor,
  t: { from: readonly OrderStatus[]; to: OrderStatus; event?: string; detail?: Record<string, unknown>; apply: (trx: Db, order: Order, at: string) => Promise<void> },
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
  const { db, clock, load, complete, poke } = deps;

  /** A statement about an order that leaves its status as it is (or completes it), logged with it. */
  async function statement(orderId: string, actor: Actor, run: (trx: Db, o: Order, at: string) => Promise<{ event: string; to: OrderStatus; detail?: Record<string, unknown> } | null>) {
    const result = await db.transaction().execute(async (trx) => {
      const o = await load(trx, orderId, actor);
      const at = clock.now().toISOString();
      const logged = await run(trx, o, at);
      if (logged) await logOrderEvent(trx, { orderId, actor, event: logged.event, at, from: o.status, to: logged.to, detail: logged.detail });
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
        await updateOrder(trx, o.id, { buyer_paid_at: at, payment_method: claim.method, payment_receipt: receipt, updated_at: at });
        const detail = { method: claim.method, receipt };
        if (o.paid_at) {
          // The shop said so first: both agree now.
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

  };
}
