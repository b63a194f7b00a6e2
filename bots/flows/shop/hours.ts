import { parseShopHours } from '../../../src/language/parse-shop-hours.js';
import type { ShopHoursStatus } from '../../../src/shops/shop-hours.service.js';
import { go, opt, type FlowContext, type Outcome } from '../context.js';
import type { OutboundOption } from '../../../src/chat/ports.js';
import type { State } from '../session.js';

/**
 * Steps where a shopkeeper's words may be about the shop being open ("tutup", "buka jam 7"): the menus
 * and order screens. Not where free text means something else (a reject reason "tutup", a posting).
 */
const HOURS_STEPS: ReadonlySet<State['step']> = new Set([
  'shop_menu',
  'shop_orders',
  'shop_order',
  'revenue',
  'decide',
]);

/** Who changed the hours, for the audit log. */
const actorOf = (ctx: FlowContext) => `chat:${ctx.channel}:${ctx.phone}`;

/** The menu's line about the hours, and its item to close or open now. */
export function hoursLine(ctx: FlowContext, st: ShopHoursStatus): string {
  const { t } = ctx;
  const state = st.takesOrders
    ? st.openNow
      ? t.shopStateOpen
      : t.shopStateClosedUntil({ time: st.reopens?.time, date: st.reopens?.date })
    : st.reopens
      ? t.shopStateClosedUntil({ time: st.reopens.time, date: st.reopens.date })
      : t.shopStateClosed;
  return t.shopHoursLine({ open: st.open, close: st.close, state });
}

export function hoursOption(ctx: FlowContext, st: ShopHoursStatus): OutboundOption {
  return st.takesOrders ? opt(ctx.t.menuCloseShop, 'hrs:close') : opt(ctx.t.menuOpenShop, 'hrs:open');
}

/**
 * "tutup", "buka", "tutup sampai besok", "libur tanggal 17", "buka jam 7" from a shopkeeper. Null when the
 * text is none of these (or the chat is not a shop's, or at a step that reads free text itself).
 */
export async function shopHoursCommand(ctx: FlowContext, text: string, idle: boolean): Promise<Outcome | null> {
  if (ctx.side.role !== 'shop' || (!idle && !HOURS_STEPS.has(ctx.session.state.step))) return null;
  const cmd = parseShopHours(text);
  if (!cmd) return null;
  const shopId = await ctx.shopId();
  if (shopId === undefined) return null;
  return applyHours(ctx, shopId, cmd.kind === 'hours' ? { kind: 'hours', open: cmd.open, close: cmd.close } : cmd);
}

type HoursAction = ReturnType<typeof parseShopHours> & object;

async function applyHours(ctx: FlowContext, shopId: number, cmd: HoursAction): Promise<Outcome> {
  const { t } = ctx;
  const hours = ctx.services.shopHours;
  const menu: State = { step: 'shop_menu' };
  switch (cmd.kind) {
    case 'close':
      await hours.close(shopId, actorOf(ctx));
      return go(menu, t.shopClosedNow);
    case 'close_until_tomorrow': {
      const st = await hours.closeUntilTomorrow(shopId, actorOf(ctx));
      return go(menu, t.shopClosedUntil({ time: st.reopens?.time, date: st.reopens?.date }));
    }
    case 'holiday':
    case 'holiday_relative': {
      const r = await hours.holiday(
        shopId,
        actorOf(ctx),
        cmd.kind === 'holiday' ? { day: cmd.day } : { daysFromToday: cmd.days },
      );
      return go(menu, t.shopHoliday({ date: r.date }));
    }
    case 'open': {
      const st = await hours.open(shopId, actorOf(ctx));
      return go(menu, st.openNow ? t.shopOpenedNow : t.shopOpenedOutside({ open: st.open, close: st.close }));
    }
    case 'hours': {
      const current = await hours.status(shopId);
      if ((cmd.open ?? current.open) === (cmd.close ?? current.close)) return go(menu, t.shopHoursBad);
      const st = await hours.setHours(shopId, actorOf(ctx), { open: cmd.open, close: cmd.close });
      return go(menu, t.shopHoursSet({ open: st.open, close: st.close }));
    }
  }
}

/** The menu item: close now (until "buka") or open now. */
export async function toggleOpen(ctx: FlowContext, arg: string): Promise<Outcome | null> {
  const shopId = await ctx.shopId();
  if (shopId === undefined) return go({ step: 'shop_menu' }, ctx.t.noShop);
  if (arg === 'close') return applyHours(ctx, shopId, { kind: 'close' });
  if (arg === 'open') return applyHours(ctx, shopId, { kind: 'open' });
  return null;
}
