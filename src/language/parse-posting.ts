import { assembleReading, groupTokens, hasFacts, type Reading } from './assemble-item.js';
import { lexPosting } from './lex-posting.js';
import { foldText } from './normalize-text.js';
import type { PostedItem, PostingResult } from './posted-item.js';
import type { Token } from './posting-token.js';
import { readTokens } from './posting-tokens.js';
import { isFiller, productName } from './product-name.js';
import { splitSegments, type Segment, type SegmentMode } from './split-fragments.js';

export type { PostedItem, PostingResult, Unit } from './posted-item.js';

type Entry =
  { kind: 'talk' } | { kind: 'unread'; source: string } | { kind: 'reading'; reading: Reading; mode: SegmentMode };

/**
 * "rokok surya 16 1 slop": a bare number between name words and a quantity is part of the name (a brand
 * or a type), never a price.
 */
function numbersInNames(tokens: Token[], folded: string): Token[] {
  return tokens.map((t, i) => {
    const before = tokens[i - 1];
    const isName = before?.type === 'word' && !isFiller(before.text);
    return t.type === 'bare' && !t.words && isName && tokens[i + 1]?.type === 'quantity'
      ? { type: 'word', text: folded.slice(t.start, t.end), start: t.start, end: t.end }
      : t;
  });
}

function readSegment(segment: Segment): Entry[] {
  // foldText keeps positions, so token spans index the segment as the shopkeeper wrote it.
  const folded = foldText(segment.reading);
  const tokens = numbersInNames(readTokens(lexPosting(folded)), folded);
  return groupTokens(tokens).map((group): Entry => {
    const first = group[0];
    const last = group.at(-1);
    const source = first && last ? segment.text.slice(first.start, last.end) : segment.text;
    if (!hasFacts(group)) {
      const words = group.flatMap((t) => (t.type === 'word' ? [t.text] : []));
      // Greetings, thanks and "monggo dipesan" are talk around the goods: nothing to ask about.
      if (productName(words) === null)
        return words.length === 0 && /[\p{L}\p{N}?]/u.test(source) ? { kind: 'unread', source } : { kind: 'talk' };
    }
    const reading = assembleReading(group, source, segment.mode);
    return reading ? { kind: 'reading', reading, mode: segment.mode } : { kind: 'unread', source };
  });
}

const nameOnly = (r: Reading): boolean =>
  r.quantity === null && r.price === null && !r.asked && r.stock === null && !r.outOfStock;

const sameQuantity = (a: Reading['quantity'], b: Reading['quantity']): boolean =>
  a === b || (a !== null && b !== null && a.amount === b.amount && a.unit === b.unit);

/** "Beras 5kg 65rb. Stok 10.": facts with no name complete the item before, when nothing clashes. */
function canMerge(item: Reading, more: Reading): boolean {
  if (more.variant) return false;
  if ((more.price !== null || more.asked) && (item.price !== null || item.asked)) return false;
  if (more.quantity !== null && item.quantity !== null) return false;
  if (more.stock !== null && item.stock !== null) return false;
  return !(more.outOfStock && (item.stock ?? 0) > 0);
}

/** "Bawang merah: 1kg 40rb, 1/2kg 21rb", "Aqua 1 dus 48rb, ecer 2.500/botol": another size, same name. */
function isVariant(item: Reading, more: Reading): boolean {
  return (more.price !== null || more.asked) && (more.variant || !sameQuantity(item.quantity, more.quantity));
}

function merge(item: Reading, more: Reading): Reading {
  return {
    name: item.name,
    quantity: item.quantity ?? more.quantity,
    price: item.price ?? more.price,
    asked: item.asked || more.asked,
    stock: item.outOfStock || more.outOfStock ? 0 : (item.stock ?? more.stock),
    outOfStock: item.outOfStock || more.outOfStock,
    variant: item.variant,
    source: `${item.source}, ${more.source}`,
  };
}

const toItem = (r: Reading & { name: string }): PostedItem => ({
  name: r.name,
  quantity: r.quantity,
  price: r.price,
  stock: r.stock,
  outOfStock: r.outOfStock,
  source: r.source,
});

/**
 * Reads a shopkeeper's free-text product post ("beras 5kg 65rb, gula 1kg 17rb") into items.
 *
 * Never guesses a price: a fragment that reads more than one way, or names no product, is returned
 * in `unreadable` as written, for the chat flow to ask about. Facts after a full stop or comma with no
 * name of their own ("Stok 4.") complete the item just before, never a later one. See
 * src/language/README.md for the rules.
 */
export function parsePosting(text: string): PostingResult {
  const readings: Reading[] = [];
  const unreadable: string[] = [];
  let last: Reading | null = null;
  let pending: Reading | null = null;
  const flush = (): void => {
    if (pending) unreadable.push(pending.source);
    pending = null;
  };
  const push = (r: Reading): void => {
    readings.push(r);
    last = r;
  };
  for (const entry of splitSegments(text).flatMap(readSegment)) {
    if (entry.kind === 'talk') continue;
    if (entry.kind === 'unread') {
      flush();
      unreadable.push(entry.source);
      last = null;
      continue;
    }
    const r = entry.reading;
    if (r.name !== null) {
      flush();
      if (!nameOnly(r) || entry.mode === 'list') push(r);
      else {
        pending = r;
        last = null;
      }
      continue;
    }
    const previous: Reading | null = pending ?? last;
    pending = null;
    if (previous && canMerge(previous, r)) {
      const merged = merge(previous, r);
      if (previous === last) readings[readings.length - 1] = merged;
      else readings.push(merged);
      last = merged;
    } else if (previous && previous === last && isVariant(previous, r)) {
      push({ ...r, name: previous.name, variant: false });
    } else {
      if (previous && previous !== last) unreadable.push(previous.source);
      unreadable.push(r.source);
      last = null;
    }
  }
  flush();
  return { items: readings.flatMap((r) => (r.name === null ? [] : [toItem({ ...r, name: r.name })])), unreadable };
}
