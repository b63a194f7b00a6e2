/**
 * Third pass: groups tokens into items and checks that each reads one way only. Whatever is
 * ambiguous (two prices, a stray number) is refused rather than guessed.
 */
import type { Token } from './posting-token.js';
import { isFiller, productName } from './product-name.js';
import type { SegmentMode } from './split-fragments.js';
import { MEASURES, type Unit } from './units.js';

export const MIN_PRICE = 100;
export const MAX_PRICE = 100_000_000;

/** Below this, a bare number in price position counts in thousands ("telur 1kg 28" = Rp 28.000). */
const BARE_THOUSANDS_BELOW = 100;
/**
 * From here to 999 a bare number is read neither way: "es teh 500" is Rp 500 or Rp 500.000 depending on
 * the goods, and a wrong price is worse than asking. The shopkeeper sees it as unread and writes
 * "500 perak" or "500rb". Written in words ("limangatus") the amount is said as it is: Rp 500.
 */
const BARE_AMBIGUOUS_BELOW = 1_000;

const TAILS = new Set<Token['type']>(['price', 'ask', 'stock', 'out-of-stock']);

/** What one group of tokens says; `name` null for "stok 10" or "1/2kg 21rb" that continue an item. */
export type Reading = {
  name: string | null;
  quantity: { amount: number; unit: Unit } | null;
  price: number | null;
  /** a price was given but not one to record: "nego", "20-25rb" */
  asked: boolean;
  stock: number | null;
  outOfStock: boolean;
  /** "ecer", "grosir": another way the product before is sold */
  variant: boolean;
  source: string;
};

function isNameWord(token: Token): boolean {
  return token.type === 'word' && !isFiller(token.text);
}

export function hasFacts(tokens: readonly Token[]): boolean {
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

const textOf = (t: Token): string => (t.type === 'word' || t.type === 'variant' ? t.text : '');

function barePrice(value: number, words: boolean): number | null {
  if (words && value < 10) return null;
  if (value < BARE_THOUSANDS_BELOW) return Math.round(value * 1_000);
  if (words && value < BARE_AMBIGUOUS_BELOW && value % 100 === 0) return value;
  return value < BARE_AMBIGUOUS_BELOW ? null : Math.round(value);
}

type Quantity = { amount: number; unit: Unit };

/** "25kg 1 sak": the pack is what is sold, the measure says what is in it. Two of a kind is ambiguous. */
function oneQuantity(quantities: readonly Quantity[]): Quantity | null | 'ambiguous' {
  if (quantities.length <= 1) return quantities[0] ?? null;
  const packs = quantities.filter((q) => !MEASURES.has(q.unit));
  return quantities.length === 2 && packs.length === 1 ? (packs[0] as Quantity) : 'ambiguous';
}

/** Reads one group into what it says, or null when it does not read one way. */
export function assembleReading(tokens: readonly Token[], source: string, mode: SegmentMode): Reading | null {
  const words = tokens.flatMap((t) => (t.type === 'word' ? [t.text] : []));
  // "rokok ketengan 2rb" names a product; "ecer 2.500/botol" alone is another sale of the one before.
  const own = productName(words);
  const name =
    own === null
      ? null
      : productName(tokens.flatMap((t) => (t.type === 'word' || t.type === 'variant' ? [textOf(t)] : [])));
  const variant = own === null && tokens.some((t) => t.type === 'variant');
  const prices = tokens.flatMap((t) => (t.type === 'price' ? [t.value] : []));
  const bare = tokens.flatMap((t) => (t.type === 'bare' ? [t] : []));
  const asked = tokens.some((t) => t.type === 'ask');
  const firstName = tokens.findIndex(isNameWord);
  let quantities = tokens.flatMap((t) => (t.type === 'quantity' ? [{ amount: t.amount, unit: t.unit }] : []));
  const stockTokens = tokens.flatMap((t) => (t.type === 'stock' ? [t.value] : []));
  if (prices.length > 1 || stockTokens.length > 1) return null;

  let price: number | null = prices[0] ?? null;
  let stock: number | null = stockTokens[0] ?? null;
  if (mode === 'stock' && prices.length === 0 && !asked && stock === null) {
    // Under "stok hari ini:" the number after a name is how many there are, in whatever unit.
    const counts = [...bare.map((b) => b.value), ...quantities.map((q) => q.amount)];
    if (counts.length > 1) return null;
    stock = counts[0] ?? null;
    quantities = [];
  } else if (bare.length > 0) {
    // A number with no unit is a price only when it is the one price-like thing after the name.
    const [only] = bare;
    if (bare.length > 1 || prices.length > 0 || asked || only === undefined || tokens.indexOf(only) < firstName)
      return null;
    price = barePrice(only.value, only.words);
    if (price === null) return null;
  }
  if (asked) price = null;
  if (price !== null && !(Number.isInteger(price) && price >= MIN_PRICE && price <= MAX_PRICE)) return null;

  const perUnit = tokens.find((t) => t.type === 'per-unit');
  const quantity = oneQuantity(quantities);
  if (quantity === 'ambiguous') return null;
  let sold = quantity;
  if (perUnit) {
    // "45rb/ekor": the price is for one. A size beside it must be its content ("12kg 210rb/tabung").
    if (
      quantity &&
      !(quantity.unit === perUnit.unit && quantity.amount === 1) &&
      !(MEASURES.has(quantity.unit) && !MEASURES.has(perUnit.unit))
    )
      return null;
    sold = { amount: 1, unit: perUnit.unit };
  }
  if (sold !== null && !(Number.isFinite(sold.amount) && sold.amount > 0)) return null;

  const outOfStock = tokens.some((t) => t.type === 'out-of-stock') || stock === 0;
  if (outOfStock && stock !== null && stock > 0) return null;
  if (stock !== null && !(Number.isInteger(stock) && stock >= 0)) return null;
  return {
    name,
    quantity: sold,
    price,
    asked,
    stock: outOfStock ? 0 : stock,
    outOfStock,
    variant,
    source,
  };
}
