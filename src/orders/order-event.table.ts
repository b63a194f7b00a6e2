import type { Generated } from 'kysely';

export type EventActorKind = 'buyer' | 'shop' | 'admin' | 'system';

/** One line of an order's log: who said or did what, when, on which channel (append-only). */
export interface OrderEventTable {
  id: Generated<number>;
  order_id: string;
  at: string;
  actor_kind: EventActorKind;
  /** The person's phone (buyer, shop contact) or the admin's name; null for the system. */
  actor: string | null;
  /** telegram, whatsapp, web, dashboard, api; null when the system acted or the caller did not say. */
  channel: string | null;
  /** The transition's target status ('accepted') or a statement ('buyer_paid', 'shop_not_received'). */
  event: string;
  from_status: string | null;
  to_status: string | null;
  /** JSON: a reason, the payment method, the receipt photo's path. */
  detail: string | null;
}
