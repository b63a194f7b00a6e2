import { parsePosting } from '../../../src/language/index.js';
import type { PlannedChange, PostedProduct } from '../../../src/shops/catalog.service.js';
import { go, opt, type FlowContext, type Outcome, type Prompt } from '../context.js';
import type { Texts } from '../texts/index.js';

export function showPost(ctx: FlowContext): Prompt {
  return { text: `${ctx.t.askPosting}\n${ctx.t.backHint}`, options: [] };
}

function changeLine(t: Texts, c: PlannedChange): string {
  switch (c.action) {
    case 'create':
      return t.postingNew(c);
    case 'update':
      return t.postingUpdate(c);
    case 'out_of_stock':
      return t.postingOut(c);
    case 'skip':
      return c.why === 'no_price' ? t.postingNoPrice(c) : t.postingUnknown(c);
  }
}

/**
 * Reads a posting (free text or a photo's caption). Returns null when nothing in it reads as a product,
 * so that the caller decides whether that is a re-ask or a hint.
 */
export function readPosting(text: string, photoPath: string | null): Outcome | null {
  const parsed = parsePosting(text);
  if (parsed.items.length === 0) return null;
  const items: PostedProduct[] = parsed.items.map((i) => ({ name: i.name, quantity: i.quantity, price: i.price, stock: i.stock, outOfStock: i.outOfStock }));
  return go({ step: 'post_confirm', items, photoPath }, ...parsed.unreadable.map((u) => `⚠ ${u}`));
}

/** The echo: a numbered list of what was understood and what was not, then 1 ya / 2 ubah. */
export async function showPostConfirm(ctx: FlowContext, items: readonly PostedProduct[]): Promise<Prompt> {
  const { t } = ctx;
  const shopId = await ctx.shopId();
  if (shopId === undefined) return { text: t.noShop, options: [opt(t.optMenu, 'home')] };
  const changes = await ctx.services.catalog.preview(shopId, items);
  const lines = changes.map((c, i) => `${i + 1}. ${changeLine(t, c)}`);
  return {
    text: [t.postingEcho, ...lines, '', t.postingAsk].join('\n'),
    options: [opt(t.optYesSave, 'post:yes'), opt(t.optEdit, 'post:edit')],
    yesNo: ['post:yes', 'post:edit'],
  };
}

export async function savePosting(ctx: FlowContext, items: readonly PostedProduct[], photoPath: string | null): Promise<Outcome> {
  const { t } = ctx;
  const shopId = await ctx.shopId();
  if (shopId === undefined) return go({ step: 'shop_menu' }, t.noShop);
  const changes = await ctx.services.catalog.apply(shopId, items, photoPath);
  const count = changes.filter((c) => c.action !== 'skip').length;
  if (count === 0) return go({ step: 'post', photoPath }, t.postingNothing);
  return go({ step: 'shop_menu' }, t.postingSaved({ count }));
}
