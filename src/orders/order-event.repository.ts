import type { Db } from '../db/database.js';
import type { EventActorKind } from './order-event.table.js';

export interface NewOrderEvent {
  orderId: string;
  at: string;
  actorKind: EventActorKind;
  actor: string | null;
  channel: string | null;
  event: string;
  from: string | null;
  to: string | null;
  detail?: Record<string, unknown> | null;
}

/** One order's log as the domain reads it, oldest first. */
export interface OrderEvent {
  id: number;
  at: string;
  actorKind: EventActorKind;
  actor: string | null;
  channel: string | null;
  event: string;
  from: string | null;
  to: string | null;
  detail: Record<string, unknown> | null;
}

/** Appends to the order's log inside the caller's transaction, so the change and its record land together. */
export async function insertOrderEvent(db: Db, e: NewOrderEvent): Promise<void> {
  await db
    .insertInto('order_events')
    .values({
      order_id: e.orderId,
      at: e.at,
      actor_kind: e.actorKind,
      actor: e.actor,
      channel: e.channel,
      event: e.event,
      from_status: e.from,
      to_status: e.to,
      detail: e.detail ? JSON.stringify(e.detail) : null,
    })
    .execute();
}

export async function orderEvents(db: Db, orderId: string): Promise<OrderEvent[]> {
  const rows = await db.selectFrom('order_events').selectAll().where('order_id', '=', orderId).orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorKind: r.actor_kind,
    actor: r.actor,
    channel: r.channel,
    event: r.event,
    from: r.from_status,
    to: r.to_status,
    detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
  }));
}
