import { z } from 'zod';
import { LISTING_POLICIES } from '../shops/listing-policy.js';

const rupiah = z.number().int().positive().max(10_000_000_000);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24-hour, WIB)');

/**
 * Every runtime setting, its type and default. Settings live in the database so that admins change them
 * while the service runs (the shop cap is read inside each hold transaction).
 */
export const SETTINGS = {
  shop_monthly_cap: { schema: rupiah, default: 30_000_000, help: 'default monthly revenue cap per shop (rupiah)' },
  buyer_monthly_max: {
    schema: rupiah.nullable(),
    default: null,
    help: 'optional monthly maximum per buyer (rupiah), null = none',
  },
  order_max: { schema: rupiah.nullable(), default: null, help: 'optional maximum per order (rupiah), null = none' },
  // Issue 20: a gentle rule, off by default; the checkout refuses politely and suggests other shops (buyer-share.ts).
  buyer_shop_share_max: {
    schema: z.number().gt(0).max(1).nullable(),
    default: null,
    help: "optional largest share (0–1) of a buyer's month at one shop: their minimum, or what they spend when more; null = off",
  },
  area_policy: {
    schema: z.enum(['kelurahan', 'kecamatan', 'city']),
    default: 'kecamatan',
    help: 'which shops a buyer may order from: same kelurahan, same kecamatan, or city-wide',
  },
  // Issue 20: the order of the buyer's shop listing (src/shops/listing-policy.ts), compared in the simulation.
  listing_policy: {
    schema: z.enum(LISTING_POLICIES),
    default: 'least_earning',
    help: 'order of the shop listing: least_earning (held + committed this month, ascending), fair_share (furthest below the area median share of the month first, then same kelurahan, then kecamatan) or alphabetical (comparison only)',
  },
  shop_reminder_minutes: {
    schema: z.number().int().min(1).max(1440),
    default: 30,
    help: 'remind a shop that has not answered an order after this many minutes',
  },
  order_expiry_minutes: {
    schema: z.number().int().min(2).max(10_080),
    default: 120,
    help: 'an order the shop has not answered expires after this many minutes',
  },
  // Issue 14: a deadline for every open state, counted in the shop's opening hours (src/orders/deadlines.ts).
  accepted_reminder_minutes: {
    schema: z.number().int().min(1).max(10_080),
    default: 240,
    help: 'remind a shop that accepted an order and has not delivered it after this many open minutes',
  },
  accepted_ask_minutes: {
    schema: z.number().int().min(1).max(20_160),
    default: 480,
    help: 'ask the buyer "Sudah diterima?" about an accepted, undelivered order after this many open minutes',
  },
  accepted_expiry_minutes: {
    schema: z.number().int().min(2).max(43_200),
    default: 1440,
    help: 'an accepted order not delivered after this many open minutes expires (the hold is released)',
  },
  delivered_reminder_minutes: {
    schema: z.number().int().min(1).max(10_080),
    default: 240,
    help: 'remind buyer and shop of a delivered order whose payment is not confirmed after this many open minutes',
  },
  delivered_review_minutes: {
    schema: z.number().int().min(2).max(43_200),
    default: 1440,
    help: 'a delivered order still unpaid after this many open minutes goes on the admin review list',
  },
  shop_hours_default: {
    schema: z.object({ open: hhmm, close: hhmm }),
    default: { open: '06:00', close: '21:00' },
    help: 'opening hours of a shop that has not set its own (WIB); order deadlines count only open time',
  },
  quiet_hours: {
    schema: z.object({ start: hhmm, end: hhmm }),
    default: { start: '21:00', end: '06:00' },
    help: 'no broadcast messages in this window (WIB)',
  },
  morning_prompt_time: {
    schema: hhmm,
    default: '06:30',
    help: 'when shopkeepers get the morning prompt to post goods (WIB)',
  },
  quota_reminder_days: {
    schema: z.array(z.number().int().min(1).max(28)).max(10),
    default: [20, 27],
    help: 'days of the month on which ASN below their quota get a reminder',
  },
  broadcast_resend_unknown: {
    schema: z.boolean(),
    default: false,
    help: 'on resume, resend to recipients whose send was in flight when a process died',
  },
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]['schema']>;
export type Settings = { [K in SettingKey]: SettingValue<K> };

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTINGS, key);
}
