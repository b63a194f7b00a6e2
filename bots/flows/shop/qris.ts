import { looksLikeQris, type QrisCheck } from '../../../src/payments/shop-qris.service.js';
import { go, opt, type FlowContext, type Outcome, type Prompt } from '../context.js';
import { isOwner } from '../menus.js';

/** The owner's QRIS step: the current one, if any, and what to send. */
export async function showQris(ctx: FlowContext): Promise<Prompt> {
  const { t } = ctx;
  const shopId = await ctx.shopId();
  const current = shopId === undefined ? null : await ctx.services.qris.current(shopId);
  const lines = [
    current ? t.qrisCurrent({ merchant: current.merchantName, city: current.merchantCity }) : '',
    t.askQris,
    t.backHint,
  ];
  return { text: lines.filter((l) => l !== '').join('\n'), options: [] };
}

export async function openQris(ctx: FlowContext): Promise<Outcome> {
  const shopId = await ctx.shopId();
  if (shopId === undefined) return go({ step: 'shop_menu' }, ctx.t.noShop);
  if (!(await isOwner(ctx, shopId))) return go({ step: 'shop_menu' }, ctx.t.qrisOwnerOnly);
  return go({ step: 'qris' });
}

/** The echo before anything is stored: merchant name (tag 59) and city (tag 60), 1 ya / 2 tidak. */
export function showQrisConfirm(ctx: FlowContext, payload: string): Prompt {
  const { t } = ctx;
  const r = ctx.services.qris.checkText(payload);
  if (!r.ok) return { text: t.qrisRefused[r.reason] ?? t.askQris, options: [opt(t.optMenu, 'home')] };
  return {
    text: t.qrisConfirm({ merchant: r.merchantName, city: r.merchantCity }),
    options: [opt(t.optQrisYes, 'qris:yes'), opt(t.optQrisNo, 'qris:no')],
    yesNo: ['qris:yes', 'qris:no'],
  };
}

/** What a checked text or photo leads to: the echo (owners only), or the reason it was refused. */
async function afterCheck(ctx: FlowContext, r: QrisCheck): Promise<Outcome> {
  const { t } = ctx;
  const shopId = await ctx.shopId();
  if (shopId === undefined) return go({ step: 'shop_menu' }, t.noShop);
  if (!(await isOwner(ctx, shopId))) return go({ step: 'shop_menu' }, t.qrisOwnerOnly);
  if (!r.ok) return go({ step: 'qris' }, t.qrisRefused[r.reason] ?? t.askQris);
  return go({ step: 'qris_confirm', payload: r.payload });
}

/**
 * A text for the QRIS step, or at any other step of a shop chat a text that is clearly a QRIS ("000201…"):
 * then even a broken one gets its reason. Null when the text is not about a QRIS.
 */
export async function qrisFromText(ctx: FlowContext, text: string): Promise<Outcome | null> {
  const asked = ctx.session.state.step === 'qris';
  if (!asked && !(looksLikeQris(text) && (await ctx.shopId()) !== undefined)) return null;
  return afterCheck(ctx, ctx.services.qris.checkText(text));
}

/**
 * A photo in a shop chat: at the QRIS step it must hold the QRIS (or get the reason why not); elsewhere a
 * photo whose QR is a QRIS starts the confirmation, and any other photo is left to the product posting.
 */
export async function qrisFromPhoto(ctx: FlowContext, path: string): Promise<Outcome | null> {
  const r = await ctx.services.qris.checkPhoto(path);
  if (ctx.session.state.step === 'qris' || r.ok) return afterCheck(ctx, r);
  return null;
}

export async function saveQris(ctx: FlowContext, payload: string): Promise<Outcome> {
  const { t } = ctx;
  const shopId = await ctx.shopId();
  if (shopId === undefined) return go({ step: 'shop_menu' }, t.noShop);
  const r = await ctx.services.qris.setByOwner({ shopId, phone: ctx.phone, payload });
  switch (r.status) {
    case 'saved':
      return go({ step: 'shop_menu' }, t.qrisSaved({ merchant: r.merchantName, city: r.merchantCity }));
    case 'not_owner':
      return go({ step: 'shop_menu' }, t.qrisOwnerOnly);
    case 'refused':
      return go({ step: 'qris' }, t.qrisRefused[r.reason] ?? t.askQris);
  }
}
