import type { Db } from '../db/database.js';
import { insertOrderEvent } from './order-event.repository.js';
import type { Actor } from './order.service.js';

/**
 * Writes one line of the order's log for `actor` (inside the caller's transaction). The person is their
 * phone as the channel gave it (`actor.via`); an admin is their name.
 */
export async function logOrderEvent(
  trx: Db,
  e: {
    orderId: string;
    actor: Actor;
    event: string;
    at: string;
    from: string | null;
    to: string | null;
    detail?: Record<string, unknown> | null;
  },
): Promise<void> {
  const { actor } = e;
  await insertOrderEvent(trx, {
    orderId: e.orderId,
    at: e.at,
    actorKind: actor.kind,
    actor: actor.kind === 'admin' ? actor.name : (actor.via?.phone ?? null),
    channel: actor.via?.channel ?? null,
    event: e.event,
    from: e.from,
    to: e.to,
    detail: e.detail ?? null,
  });
}
