import { parsePosting } from '../../../src/language/index.js';
import type { PlannedChange, PostedProduct } from '../../../src/shops/catalog.service.js';
import { go, opt, type FlowContext, type Outcome, type Prompt } from '../context.js';
import type { State } from '../session.js';
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

const quantityText = (q: PostedProduct['quantity']): string => (q ? `${q.amount} ${q.unit}` : '');

/**
 * Several sizes of one product in one post ("Bawang merah: 1kg 40rb, 1/2kg 21rb") are separate goods:
 * the catalog keys goods by name, so each carries its size in the name.
 */
function distinctNames(items: readonly PostedProduct[]): PostedProduct[] {
  const count = new Map<string, number>();
  for (const i of items) count.set(i.name, (count.get(i.name) ?? 0) + 1);
  return items.map((i) =>
    (count.get(i.name) ?? 0) > 1 && i.quantity ? { ...i, name: `${i.name} ${quantityText(i.quantity)}` } : i,
  );
}

function postedOf(text: string): { items: PostedProduct[]; unread: string[] } {
  const parsed = parsePosting(text);
  const items = parsed.items.map((i) => ({
    name: i.name,
    quantity: i.quantity,
    price: i.price,
    stock: i.stock,
    outOfStock: i.outOfStock,
  }));
  return { items: distinctNames(items), unread: parsed.unreadable };
}

/**
 * Reads a posting (free text or a photo's caption). Returns null when nothing in it reads as a product
 * or a question, so that the caller decides whether that is a re-ask or a hint. What could not be read
 * is quoted back and asked for again, never dropped silently.
 */
export function readPosting(t: Texts, text: string, photoPath: string | null): Outcome | null {
  const { items, unread } = postedOf(text);
  if (items.length === 0) {
    // Words with no number in them are no attempt at a post ("zzkq", "gimana caranya"): the caller re-asks.
    const tried = unread.filter((u) => /\d/.test(u));
    return tried.length === 0
      ? null
      : go({ step: 'post', photoPath }, ...tried.map((u) => t.postingUnread({ text: u })));
  }
  return go({ step: 'post_confirm', items, photoPath, unread });
}

/** Text typed under the echo: its goods join the list (replacing same-named ones), its unread parts are asked. */
export function addToPosting(state: Extract<State, { step: 'post_confirm' }>, text: string): Outcome | null {
  const { items, unread } = postedOf(text);
  if (items.length === 0) return unread.length === 0 ? null : go({ ...state, unread });
  const names = new Set(items.map((i) => i.name));
  return go({ ...state, items: [...state.items.filter((i) => !names.has(i.name)), ...items], unread });
}

/** The echo: a numbered list of what was understood and what was not, then 1 ya / 2 ubah. */
export async function showPostConfirm(
  ctx: FlowContext,
  items: readonly PostedProduct[],
  unread: readonly string[] = [],
): Promise<Prompt> {
  const { t } = ctx;
  const shopId = await ctx.shopId();
  if (shopId === undefined) return { text: t.noShop, options: [opt(t.optMenu, 'home')] };
  const changes = await ctx.services.catalog.preview(shopId, items);
  const lines = changes.map((c, i) => `${i + 1}. ${changeLine(t, c)}`);
  return {
    text: [t.postingEcho, ...lines, ...unread.map((u) => `⚠ ${t.postingUnread({ text: u })}`), '', t.postingAsk].join(
      '\n',
    ),
    options: [opt(t.optYesSave, 'post:yes'), opt(t.optEdit, 'post:edit')],
    yesNo: ['post:yes', 'post:edit'],
  };
}

export async function savePosting(
  ctx: FlowContext,
  items: readonly PostedProduct[],
  photoPath: string | null,
): Promise<Outcome> {
  const { t } = ctx;
  const shopId = await ctx.shopId();
  if (shopId === undefined) return go({ step: 'shop_menu' }, t.noShop);
  const changes = await ctx.services.catalog.apply(shopId, items, photoPath);
  const count = changes.filter((c) => c.action !== 'skip').length;
  if (count === 0) return go({ step: 'post', photoPath }, t.postingNothing);
  return go({ step: 'shop_menu' }, t.postingSaved({ count }));
}
