import type { Db } from '../db/database.js';
import { orderEvents, type OrderEvent } from './order-event.repository.js';
import { findOrder, findOrderByCode, orderItems, ordersForReview } from './order.repository.js';
import type { Order } from './order.service.js';

/** What one side last said about the payment, from the order's log. */
export interface PaymentStatement {
  said: 'paid' | 'not_paid' | 'received' | 'not_received';
  at: string;
  /** The person's phone as their channel gave it. */
  by: string | null;
  channel: string | null;
  method: string | null;
  receipt: string | null;
}

export interface ReviewStatements {
  buyer: PaymentStatement | null;
  shop: PaymentStatement | null;
}

const SAID: Record<string, PaymentStatement['said']> = {
  buyer_paid: 'paid',
  buyer_not_paid: 'not_paid',
  shop_received: 'received',
  shop_not_received: 'not_received',
};

/** The latest payment statement of each side. */
export function statementsOf(events: readonly OrderEvent[]): ReviewStatements {
  const out: ReviewStatements = { buyer: null, shop: null };
  for (const e of events) {
    const said = SAID[e.event];
    if (!said || (e.actorKind !== 'buyer' && e.actorKind !== 'shop')) continue;
    const d = e.detail ?? {};
    out[e.actorKind] = {
      said,
      at: e.at,
      by: e.actor,
      channel: e.channel,
      method: typeof d.method === 'string' ? d.method : null,
      receipt: typeof d.receipt === 'string' ? d.receipt : null,
    };
  }
  return out;
}

export type ReviewRow = Awaited<ReturnType<typeof ordersForReview>>[number] & { statements: ReviewStatements };

export interface ReviewDetail {
  order: Order;
  items: Awaited<ReturnType<typeof orderItems>>;
  events: OrderEvent[];
  statements: ReviewStatements;
}

/**
 * The admins' review list ("perlu ditinjau"): disputed and payment-overdue orders with what each side
 * said, and one order's whole story (its lines, its log). Read-only; resolving goes through the order
 * service (resolve).
 */
export interface ReviewService {
  list(limit?: number): Promise<ReviewRow[]>;
  /** By id or code; undefined when there is no such order. */
  detail(key: string): Promise<ReviewDetail | undefined>;
}

export function createReviewService(deps: { db: Db }): ReviewService {
  const { db } = deps;
  return {
    async list(limit = 200) {
      const rows = await ordersForReview(db, limit);
      const out: ReviewRow[] = [];
      for (const r of rows) out.push({ ...r, statements: statementsOf(await orderEvents(db, r.id)) });
      return out;
    },
    async detail(key) {
      const order = /^PK-/i.test(key) ? await findOrderByCode(db, key) : await findOrder(db, key);
      if (!order) return undefined;
      const events = await orderEvents(db, order.id);
      return { order, items: await orderItems(db, order.id), events, statements: statementsOf(events) };
    },
  };
}
