/**
 * Third pass: groups tokens into items and checks that each reads one way only. Whatever is
 * ambiguous (two prices, a stray number) is refused rather than guessed.
 */
import type { PostedItem } from './posted-item.js';
import type { Token } from './posting-tokens.js';
import { isFiller, productName } from './product-name.js';

export const MIN_PRICE = 100;
export const MAX_PRICE = 100_000_000;

/** Below this, a bare number in price position counts in thousands ("telur 1kg 28" = Rp 28.000). */
const BARE_THOUSANDS_BELOW = 100;
/**
 * From here to 999 a bare number is read neither way: "es teh 500" is Rp 500 or Rp 500.000 depending on
 * the goods, and a wrong price is worse than asking. The shopkeeper sees it as unread and writes
 * "500 perak" or "500rb".
 */
const BARE_AMBIGUOUS_BELOW = 1_000;

const TAILS = new Set<Token['type']>(['price', 'ask', 'stock', 'out-of-stock']);

function isNameWord(token: Token): boolean {
  return token.type === 'word' && !isFiller(token.text);
}

function hasFacts(tokens: readonly Token[]): boolean {
  return tokens.some((t) => t.type !== 'word' && t.type !== 'skip');
}

/**
 * Splits "beras 65rb gula 17rb" into one group per product: a new name after a price, stock or
 * "habis" starts a new item. Bare numbers do not split, since "kopi 3 in 1" is one product. A group
 * of words alone ("beras 65rb enak") stays with the item before it.
 */
export function groupTokens(tokens: readonly Token[]): Token[][] {
  const groups: Token[][] = [];
  let current: Token[] = [];
  let afterTail = false;
  for (const token of tokens) {
    if (isNameWord(token) && afterTail && current.some(isNameWord)) {
      groups.push(current);
      current = [];
    }
    if (TAILS.has(token.type)) afterTail = true;
    else if (isNameWord(token)) afterTail = false;
    current.push(token);
  }
  groups.push(current);

  const merged: Token[][] = [];
  for (const group of groups) {
    const previous = merged.at(-1);
    if (previous && !hasFacts(group)) previous.push(...group);
    else merged.push(group);
  }
  return merged;
}

function barePrice(value: number): number | null {
  if (value < BARE_THOUSANDS_BELOW) return Math.round(value * 1_000);
  return value < BARE_AMBIGUOUS_BELOW ? null : Math.round(value);
}

/** Reads one group into an item, or null when it is not one product read one way. */
export function assembleItem(tokens: readonly Token[], source: string): PostedItem | null {
  const words = tokens.flatMap((t) => (t.type === 'word' ? [t.text] : []));
  const name = productName(words);
  if (name === null || !hasFacts(tokens)) return null;

  const prices = tokens.flatMap((t) => (t.type === 'price' ? [t.value] : []));
  const bare = tokens.filter((t) => t.type === 'bare');
  const asks = tokens.some((t) => t.type === 'ask');
  const firstName = tokens.findIndex(isNameWord);

  let price: number | null = prices[0] ?? null;
  if (prices.length > 1) return null;
  if (bare.length > 0) {
    // A number with no unit is a price only when it is the one price-like thing after the name.
    const [only] = bare;
    if (bare.length > 1 || prices.length > 0 || asks || only === undefined || tokens.indexOf(only) < firstName) {
      return null;
    }
    price = barePrice(only.value);
    if (price === null) return null;
  }
  if (asks) price = null;
  if (price !== null && !(Number.isFinite(price) && price >= MIN_PRICE && price <= MAX_PRICE)) return null;

  const quantityToken = tokens.find((t) => t.type === 'quantity');
  const perUnit = tokens.find((t) => t.type === 'per-unit');
  const quantity = quantityToken
    ? { amount: quantityToken.amount, unit: quantityToken.unit }
    : perUnit
      ? { amount: 1, unit: perUnit.unit }
      : null;
  if (quantity !== null && !(Number.isFinite(quantity.amount) && quantity.amount > 0)) return null;

  const stockToken = tokens.find((t) => t.type === 'stock');
  const outOfStock = tokens.some((t) => t.type === 'out-of-stock') || stockToken?.value === 0;
  const stock = outOfStock ? 0 : (stockToken?.value ?? null);
  if (stock !== null && !(Number.isFinite(stock) && stock >= 0)) return null;

  return { name, quantity, price, stock, outOfStock, source };
}
