import type { Settings } from '../settings/settings.schema.js';
import { addOpenMinutes, hoursOf, type OpeningHours, type ShopHoursFields } from '../shops/opening-hours.js';
import type { OrderStatus, OrderTable } from './order.table.js';

/**
 * The one deadline policy for every open state. Each open state has up to three steps, each kept in a
 * column of the order as the instant it is due, counted in the shop's opening hours from the moment the
 * order entered the state:
 *
 * | state     | remind_at                  | ask_at                     | expires_at                              |
 * |-----------|----------------------------|----------------------------|-----------------------------------------|
 * | reserved  | remind the shop            |                            | expire (reason no_answer), release      |
 * | accepted  | remind the shop to deliver | ask the buyer "Sudah diterima?" | expire (reason not_delivered), release |
 * | delivered | remind buyer and shop      |                            | admin review list (payment_overdue)     |
 *
 * A step's column is cleared when it is applied, so that neither a timer nor the sweeper applies it twice;
 * the step itself is also checked against the order's state, so a late timer of a state left is a no-op.
 * A setting that puts a step after the last one is clamped to it (the last step always comes).
 */
export type DeadlineState = 'reserved' | 'accepted' | 'delivered';
export type DeadlineColumn = 'remind_at' | 'ask_at' | 'expires_at';

export const DEADLINE_STEPS = {
  reserved_remind: { status: 'reserved', column: 'remind_at' },
  reserved_expire: { status: 'reserved', column: 'expires_at' },
  accepted_remind: { status: 'accepted', column: 'remind_at' },
  accepted_ask: { status: 'accepted', column: 'ask_at' },
  accepted_expire: { status: 'accepted', column: 'expires_at' },
  delivered_remind: { status: 'delivered', column: 'remind_at' },
  delivered_review: { status: 'delivered', column: 'expires_at' },
} as const satisfies Record<string, { status: DeadlineState; column: DeadlineColumn }>;
export type DeadlineStep = keyof typeof DEADLINE_STEPS;

export const isDeadlineStep = (s: unknown): s is DeadlineStep =>
  typeof s === 'string' && Object.hasOwn(DEADLINE_STEPS, s);

/** The step that follows each one (the next timer to set), or null after the last. */
export const NEXT_STEP: Record<DeadlineStep, DeadlineStep | null> = {
  reserved_remind: 'reserved_expire',
  reserved_expire: null,
  accepted_remind: 'accepted_ask',
  accepted_ask: 'accepted_expire',
  accepted_expire: null,
  delivered_remind: 'delivered_review',
  delivered_review: null,
};

/** Which steps the sweeper checks, last steps first: an order overdue for all of them gets only the last. */
export const SWEEP_ORDER: readonly DeadlineStep[] = [
  'reserved_expire',
  'reserved_remind',
  'accepted_expire',
  'accepted_ask',
  'accepted_remind',
  'delivered_review',
  'delivered_remind',
];

/** Minutes of open time from entering the state to each step. */
export function stepMinutes(state: DeadlineState, s: Settings): Record<DeadlineColumn, number | null> {
  switch (state) {
    case 'reserved': {
      const last = s.order_expiry_minutes;
      return { remind_at: Math.min(s.shop_reminder_minutes, last), ask_at: null, expires_at: last };
    }
    case 'accepted': {
      const last = s.accepted_expiry_minutes;
      return {
        remind_at: Math.min(s.accepted_reminder_minutes, last),
        ask_at: Math.min(s.accepted_ask_minutes, last),
        expires_at: last,
      };
    }
    case 'delivered': {
      const last = s.delivered_review_minutes;
      return { remind_at: Math.min(s.delivered_reminder_minutes, last), ask_at: null, expires_at: last };
    }
  }
}

export type StateDeadlines = Pick<OrderTable, DeadlineColumn>;

/** The instants of a state's steps for an order that enters it at `from`, at a shop with these hours. */
export function deadlinesFor(state: DeadlineState, from: Date, hours: OpeningHours, s: Settings): StateDeadlines {
  const m = stepMinutes(state, s);
  const at = (minutes: number | null) => (minutes === null ? null : addOpenMinutes(hours, from, minutes).toISOString());
  return { remind_at: at(m.remind_at), ask_at: at(m.ask_at), expires_at: at(m.expires_at) };
}

/** A shop's hours under the settings (its own, else the default). */
export const shopHours = (shop: ShopHoursFields, s: Pick<Settings, 'shop_hours_default'>) =>
  hoursOf(shop, s.shop_hours_default);

/** When an order that entered `state` at `since` is past its last step (for reports and the simulation). */
export function finalDeadline(state: OrderStatus, since: Date, hours: OpeningHours, s: Settings): Date | null {
  if (state !== 'reserved' && state !== 'accepted' && state !== 'delivered') return null;
  return addOpenMinutes(hours, since, stepMinutes(state, s).expires_at!);
}
