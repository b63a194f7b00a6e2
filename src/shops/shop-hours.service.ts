import { z } from 'zod';
import type { Db } from '../db/database.js';
import { recordAudit } from '../audit/audit.repository.js';
import type { SettingsService } from '../settings/settings.service.js';
import type { Clock } from '../shared/clock.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import { JAKARTA_OFFSET_MS } from '../shared/jakarta-time.js';
import { hoursOf, isOpenAt, nextOpening, wibMidnight, wibTime } from './opening-hours.js';
import { updateShopHours, type ShopHoursUpdate } from './shop-hours.repository.js';
import { findShop } from './shop.repository.js';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24-hour, WIB)');
/** Admin input (API, dashboard): both times, or null for the default. */
export const shopHoursInput = z
  .object({ open: hhmm.nullable(), close: hhmm.nullable() })
  .refine((h) => h.open === null || h.open !== h.close, 'opening and closing time must differ');

/** When a shop is open, as the shopkeeper, the buyers and the admins are told it. */
export interface ShopHoursStatus {
  open: string;
  close: string;
  /** Whether the shop has its own hours (else the setting shop_hours_default). */
  own: boolean;
  /** Orders are taken now: not closed by the owner (tutup, libur). Outside its hours it still takes orders, which wait. */
  takesOrders: boolean;
  /** Within its hours and not closed right now. */
  openNow: boolean;
  /** When it opens next (ISO; WIB time and date for texts), null when it is open or closed until "buka". */
  reopens: { at: string; time: string; date: string } | null;
  /** A scheduled closure still to come or running (libur), ISO. */
  closure: { from: string; until: string } | null;
}

const wibDate = (at: Date) => new Date(at.getTime() + JAKARTA_OFFSET_MS).toISOString().slice(0, 10);

/**
 * The shop's opening hours and closures (issue 14): "tutup" until "buka", a closure until tomorrow's
 * opening, a holiday on a day of the month, and its own hours. Owners change them in chat, admins on the
 * dashboard and the API; every change is audited with who made it.
 */
export function createShopHoursService(deps: { db: Db; clock: Clock; settings: SettingsService }) {
  const { db, clock, settings } = deps;

  async function load(shopId: number) {
    const shop = await findShop(db, shopId);
    if (!shop) throw new NotFoundError('shop', shopId);
    return shop;
  }

  async function change(shopId: number, actor: string, action: string, set: ShopHoursUpdate): Promise<ShopHoursStatus> {
    const at = clock.now().toISOString();
    await db.transaction().execute(async (trx) => {
      const before = await findShop(trx, shopId);
      if (!before) throw new NotFoundError('shop', shopId);
      await updateShopHours(trx, shopId, set, at);
      const pick = ({ is_open, opens_at, closes_at, closed_from, closed_until }: typeof before) => ({
        is_open,
        opens_at,
        closes_at,
        closed_from,
        closed_until,
      });
      await recordAudit(trx, {
        actor,
        action,
        entity: 'shop',
        entityId: shopId,
        before: pick(before),
        after: { ...pick(before), ...set },
        at,
      });
    });
    return status(shopId);
  }

  async function status(shopId: number): Promise<ShopHoursStatus> {
    const shop = await load(shopId);
    const fallback = await settings.get('shop_hours_default');
    const h = hoursOf(shop, fallback);
    const now = clock.now();
    const at = now.toISOString();
    const inClosure =
      shop.closed_from !== null && shop.closed_until !== null && shop.closed_from <= at && at < shop.closed_until;
    const takesOrders = shop.is_open === 1 && !inClosure;
    const openNow = takesOrders && isOpenAt(h, now);
    let reopens: ShopHoursStatus['reopens'] = null;
    if (shop.is_open === 1 && !openNow) {
      const next = nextOpening(h, now);
      reopens = { at: next.toISOString(), time: wibTime(next), date: wibDate(next) };
    }
    const closure =
      shop.closed_from && shop.closed_until && shop.closed_until > at
        ? { from: shop.closed_from, until: shop.closed_until }
        : null;
    return {
      open: shop.opens_at ?? fallback.open,
      close: shop.closes_at ?? fallback.close,
      own: shop.opens_at !== null,
      takesOrders,
      openNow,
      reopens,
      closure,
    };
  }

  return {
    status,

    /** "tutup": closed until the owner says "buka" (or picks it in the menu). */
    close: (shopId: number, actor: string) => change(shopId, actor, 'shop.close', { is_open: 0 }),

    /** "tutup sampai besok": closed from now until tomorrow's opening time. */
    async closeUntilTomorrow(shopId: number, actor: string) {
      const shop = await load(shopId);
      const h = hoursOf({ ...shop, closed_from: null, closed_until: null }, await settings.get('shop_hours_default'));
      const now = clock.now();
      const until = nextOpening(h, wibMidnight(now, 1));
      return change(shopId, actor, 'shop.close', {
        is_open: 1,
        closed_from: now.toISOString(),
        closed_until: until.toISOString(),
      });
    },

    /**
     * "libur tanggal 17": closed all that WIB day, the next 17th from today (this month if it has not
     * passed, else the next month that has the day). `daysFromToday` for "libur hari ini" / "libur besok".
     */
    async holiday(shopId: number, actor: string, when: { day: number } | { daysFromToday: number }) {
      await load(shopId);
      const now = clock.now();
      let start: Date | null = null;
      if ('daysFromToday' in when) start = wibMidnight(now, when.daysFromToday);
      else {
        for (let i = 0; i < 62 && !start; i++) {
          const d = wibMidnight(now, i);
          if (new Date(d.getTime() + JAKARTA_OFFSET_MS).getUTCDate() === when.day) start = d;
        }
      }
      if (!start) throw new ValidationError(`no day ${'day' in when ? when.day : ''} in the next two months`);
      const until = new Date(start.getTime() + 86_400_000);
      const result = await change(shopId, actor, 'shop.holiday', {
        closed_from: start.toISOString(),
        closed_until: until.toISOString(),
      });
      return { ...result, date: wibDate(start) };
    },

    /** "buka": open again; a closure running now ends (a holiday still to come stays). */
    async open(shopId: number, actor: string) {
      const shop = await load(shopId);
      const at = clock.now().toISOString();
      const running = shop.closed_from !== null && shop.closed_from <= at;
      return change(
        shopId,
        actor,
        'shop.open',
        running ? { is_open: 1, closed_from: null, closed_until: null } : { is_open: 1 },
      );
    },

    /** The shop's own hours; a time left out keeps the current one, null for both goes back to the default. */
    async setHours(shopId: number, actor: string, input: { open?: string | null; close?: string | null }) {
      const shop = await load(shopId);
      const fallback = await settings.get('shop_hours_default');
      const reset = input.open === null && input.close === null;
      const open = reset ? null : (input.open ?? shop.opens_at ?? fallback.open);
      const close = reset ? null : (input.close ?? shop.closes_at ?? fallback.close);
      const parsed = shopHoursInput.safeParse({ open, close });
      if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => i.message).join('; '));
      return change(shopId, actor, 'shop.hours', { opens_at: open, closes_at: close });
    },
  };
}
export type ShopHoursService = ReturnType<typeof createShopHoursService>;
