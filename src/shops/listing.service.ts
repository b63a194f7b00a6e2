import type { Db } from '../db/database.js';
import type { ChannelName } from '../chat/ports.js';
import { homeKelurahan } from '../areas/area-policy.js';
import { ledger } from '../ledger/index.js';
import { findBuyer } from '../people/buyer.repository.js';
import type { SettingsService } from '../settings/settings.service.js';
import type { Clock } from '../shared/clock.js';
import { periodOf } from '../shared/period.js';
import { isOrderableShop, listCandidates, type ListingFilter } from './listing.repository.js';
import { byName, rankShops, type ListingReason } from './listing-policy.js';
import { findShop } from './shop.repository.js';
import { hasCompletedOrderAt, sharedGoods } from './nudge.repository.js';
import { buyerMinimum } from '../people/quota-rule.repository.js';
import { buyerUsedAtShop } from './buyer-share.repository.js';
import { shareOverrun } from './buyer-share.js';
import { pickAlternative } from './nudge-rule.js';
import type { Settings } from '../settings/settings.schema.js';
import { JAKARTA_OFFSET_MS } from '../shared/jakarta-time.js';
import { hoursOf, nextOpening, wibTime } from './opening-hours.js';
import type { ShopKind } from './shop.table.js';

export interface ListedShop {
  id: number;
  name: string;
  kind: ShopKind;
  kelurahan: string | null;
  /**
   * Issue 14: null while the shop is open; else whether its owner closed it (it takes no order) and when it
   * opens again (WIB; null = closed until its owner says "buka"). Outside its hours it takes orders that wait.
   */
  hours: { closed: boolean; reopens: { time: string; date: string } | null } | null;
  /** Issue 20: why the shop stands where it does ("toko ini belum banyak pesanan bulan ini"), from the policy. */
  reason: ListingReason;
}

export interface ShopPage {
  items: ListedShop[];
  /** 0-based. */
  page: number;
  pages: number;
  total: number;
}

export interface ShopMonth {
  period: string;
  /** Completed orders (commit entries). */
  revenue: number;
  /** Orders in progress, already counted against the cap. */
  held: number;
  cap: number;
}

/** Issue 20: a comparable shop nearby to suggest (once, skippable) when a buyer goes back to a busy one. */
export interface Nudge {
  period: string;
  shop: { id: number; name: string };
  alternative: { id: number; name: string; kelurahan: string | null };
  /** Goods of the shop that the alternative sells too (up to three). */
  goods: string[];
}

export interface ListingService {
  /**
   * The shops a buyer may order from under the area policy, in the order of the setting `listing_policy`
   * (listing-policy.ts: least-earning first, or furthest below a fair share of the month then nearest), so
   * that money spreads over the shops. Shops that let several orders expire unanswered in the last week
   * come after those that answer; a shop closed by its owner comes last.
   */
  shopsFor(buyerId: number, page: number, pageSize?: number): Promise<ShopPage>;
  canOrderFrom(buyerId: number, shopId: number): Promise<boolean>;
  /**
   * When the buyer reorders (has completed an order there before) from a shop far above its share of the
   * month (nudge-rule.ts), a comparable shop of the area far below its share with some of the same goods;
   * otherwise null. Never a wall: the buyer may go on to the shop.
   */
  nudgeFor(buyerId: number, shopId: number): Promise<Nudge | null>;
  /** A shop's month against its cap, for the shopkeeper. */
  shopMonth(shopId: number): Promise<ShopMonth | undefined>;
  /**
   * Issue 20, setting `buyer_shop_share_max` (off by default): null when an order of `amount` at the shop
   * keeps the buyer within their share of the month at one shop; otherwise the share, what they may still
   * spend there, and up to three other shops the listing would show them first. Nothing is held or written.
   */
  shareLimit(buyerId: number, shopId: number, amount: number): Promise<ShareLimit | null>;
}

export interface ShareLimit {
  /** The setting, 0..1. */
  max: number;
  /** Rupiah the buyer may still spend at the shop this month (0: none). */
  room: number;
  alternatives: { id: number; name: string; kelurahan: string | null }[];
}

type HoursRow = {
  closed: number;
  is_open: number;
  opens_at: string | null;
  closes_at: string | null;
  closed_from: string | null;
  closed_until: string | null;
};

/** What the buyer sees about a listed shop's hours: closed (with when it opens again) or outside its hours. */
function hoursNote(r: HoursRow, s: Settings, now: Date): ListedShop['hours'] {
  const h = hoursOf(r, s.shop_hours_default);
  // The date only when it is not within the next day: "buka lagi 06:00" at night, "buka lagi tanggal 18 06:00" on a holiday.
  const when = (at: Date) => ({
    time: wibTime(at),
    date:
      at.getTime() - now.getTime() > 86_400_000
        ? new Date(at.getTime() + JAKARTA_OFFSET_MS).toISOString().slice(0, 10)
        : '',
  });
  if (r.closed) {
    if (r.is_open === 0 || !r.closed_until) return { closed: true, reopens: null };
    return { closed: true, reopens: when(nextOpening(h, new Date(r.closed_until))) };
  }
  const opens = nextOpening(h, now);
  return opens.getTime() > now.getTime() ? { closed: false, reopens: when(opens) } : null;
}

type CandidateRow = Awaited<ReturnType<typeof listCandidates>>[number];
/** A candidate row as the policy module reads it, the row kept for what the buyer sees. */
const asCandidate = (r: CandidateRow) => ({
  row: r,
  id: r.id,
  name: r.name,
  kelurahanCode: r.kelurahan_code,
  used: Number(r.used),
  cap: Number(r.cap),
  closed: Boolean(r.closed),
  unanswered: Boolean(r.unanswered),
});

/** How far back unanswered (expired) orders count against a shop's place in the listing. */
const UNANSWERED_WINDOW_MS = 7 * 24 * 3_600_000;

export function createListingService(deps: {
  db: Db;
  clock: Clock;
  settings: SettingsService;
  /** The channels some process runs (src/chat/live-channels.ts); without it, or when it says null, any linked chat counts. */
  liveChannels?: () => Promise<ReadonlySet<ChannelName> | null>;
}): ListingService {
  const { db, clock, settings } = deps;

  async function filterFor(buyerId: number, s: Settings): Promise<ListingFilter | undefined> {
    const buyer = await findBuyer(db, buyerId);
    if (!buyer || !buyer.active) return undefined;
    const now = clock.now();
    const unansweredSince = new Date(now.getTime() - UNANSWERED_WINDOW_MS).toISOString();
    const live = deps.liveChannels ? await deps.liveChannels() : null;
    return {
      policy: s.area_policy,
      home: homeKelurahan(buyer),
      period: periodOf(now),
      defaultCap: s.shop_monthly_cap,
      unansweredSince,
      now: now.toISOString(),
      reachableOn: live ? [...live] : null,
    };
  }

  const service: ListingService = {
    async shopsFor(buyerId, page, pageSize = 8) {
      const s = await settings.all();
      const f = await filterFor(buyerId, s);
      if (!f) return { items: [], page: 0, pages: 0, total: 0 };
      const rows = await listCandidates(db, f);
      const candidates = rows.map(asCandidate);
      // Issue 14 shows a shop closed by its owner, with when it opens again, after every shop that takes
      // orders; no policy ranks it (issue 20).
      const closed = candidates
        .filter((c) => c.closed)
        .sort(byName)
        .map((shop) => ({ shop, reason: null }));
      const ranked = [...rankShops(s.listing_policy, candidates, f.home), ...closed];
      const total = ranked.length;
      const pages = Math.ceil(total / pageSize);
      const p = Math.max(0, Math.min(page, pages - 1));
      const now = clock.now();
      const items = ranked.slice(p * pageSize, (p + 1) * pageSize).map(({ shop: { row: r }, reason }) => ({
        id: r.id,
        name: r.name,
        kind: r.kind,
        kelurahan: r.kelurahan_name,
        hours: hoursNote(r, s, now),
        reason,
      }));
      return { items, page: p, pages, total };
    },

    async canOrderFrom(buyerId, shopId) {
      const f = await filterFor(buyerId, await settings.all());
      return f ? isOrderableShop(db, f, shopId) : false;
    },

    async nudgeFor(buyerId, shopId) {
      const s = await settings.all();
      const f = await filterFor(buyerId, s);
      if (!f || !(await hasCompletedOrderAt(db, buyerId, shopId))) return null;
      const rows = await listCandidates(db, f);
      const candidates = rows.map(asCandidate);
      const goods = await sharedGoods(
        db,
        shopId,
        candidates.filter((c) => c.id !== shopId).map((c) => c.id),
      );
      const pick = pickAlternative(candidates, shopId, f.home, goods);
      if (!pick) return null;
      const a = pick.alternative.row;
      return {
        period: f.period,
        shop: { id: pick.shop.id, name: pick.shop.name },
        alternative: { id: a.id, name: a.name, kelurahan: a.kelurahan_name },
        goods: pick.goods.slice(0, 3),
      };
    },

    async shopMonth(shopId) {
      const shop = await findShop(db, shopId);
      if (!shop) return undefined;
      const period = periodOf(clock.now());
      const [balance, defaultCap] = await Promise.all([
        ledger.shopBalance(db, shopId, period),
        settings.get('shop_monthly_cap'),
      ]);
      return { period, revenue: balance.committed, held: balance.held, cap: shop.cap_override ?? defaultCap };
    },

    async shareLimit(buyerId, shopId, amount) {
      const max = await settings.get('buyer_shop_share_max');
      if (max === null) return null;
      const period = periodOf(clock.now());
      const [minimum, month, atShop] = await Promise.all([
        buyerMinimum(db, buyerId, period),
        ledger.buyerBalance(db, buyerId, period),
        buyerUsedAtShop(db, buyerId, shopId, period),
      ]);
      const over = shareOverrun({
        max,
        minimum: minimum ?? 0,
        month: month.held + month.committed,
        atShop,
        amount,
      });
      if (!over) return null;
      // The shops the listing shows first (its policy: fair_share puts those below their share on top), open now.
      const first = await service.shopsFor(buyerId, 0, 4);
      const alternatives = first.items
        .filter((i) => i.id !== shopId && !i.hours?.closed)
        .slice(0, 3)
        .map((i) => ({ id: i.id, name: i.name, kelurahan: i.kelurahan }));
      return { max, room: over.room, alternatives };
    },
  };
  return service;
}
