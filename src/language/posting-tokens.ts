/**
 * Second pass: reads atoms into the facts a product post is made of (quantity, price, stock, ...).
 * Each rule looks at a few atoms from the current one; anything no rule claims stays a word.
 */
import type { Atom } from './lex-posting.js';
import { readNumberPhrase } from './number-words.js';
import { isGrouped, readNumber } from './parse-number.js';
import type { Unit } from './units.js';
import { multiplierOf, oneUnitWord, slangPrice, unitOf } from './units.js';

type Span = { start: number; end: number };

export type Token =
  /** a price written so that it can only be a price: "65rb", "Rp 65.000", "goceng" */
  | ({ type: 'price'; value: number } & Span)
  /** a number with nothing attached; whether it is a price depends on where it stands */
  | ({ type: 'bare'; value: number } & Span)
  /** "20-25rb", "harga tanya", "nego", "20an": there is a price, but not one to record */
  | ({ type: 'ask' } & Span)
  | ({ type: 'quantity'; amount: number; unit: Unit } & Span)
  /** "/kg", "per kg": the price is for one of this unit */
  | ({ type: 'per-unit'; unit: Unit } & Span)
  | ({ type: 'stock'; value: number } & Span)
  | ({ type: 'out-of-stock' } & Span)
  | ({ type: 'word'; text: string } & Span)
  | ({ type: 'skip' } & Span);

type Match = { token: Token; next: number };

const STOCK_WORDS = new Set(['stok', 'stock', 'stk', 'sisa', 'tinggal', 'ada', 'ready', 'tersedia']);
const AVAILABLE_WORDS = new Set(['ada', 'ready', 'tersedia']);
const OUT_OF_STOCK_WORDS = new Set(['habis', 'abis', 'hbs', 'kosong', 'ksg', 'entek', 'telas', 'soldout']);
// "mulai 5rb" is a lower bound, not the price.
const ASK_WORDS = new Set(['tanya', 'nego', 'japri', 'mulai']);
const RANGE_WORDS = new Set(['sd', 's.d', 'sampai', 'smp', 'hingga']);
const RANGE_PUNCT = new Set(['-', '–', '—', '~']);
const HALF: ReadonlyMap<string, number> = new Map([['setengah', 0.5], ['seperempat', 0.25]]);

function wordAt(atoms: readonly Atom[], i: number): string | undefined {
  const atom = atoms[i];
  return atom?.type === 'word' ? atom.text : undefined;
}

function punctAt(atoms: readonly Atom[], i: number): string | undefined {
  const atom = atoms[i];
  return atom?.type === 'punct' ? atom.text : undefined;
}

function span(atoms: readonly Atom[], first: number, next: number): Span {
  return { start: atoms[first]?.start ?? 0, end: atoms[next - 1]?.end ?? 0 };
}

/** How many atoms a range separator takes at `i` ("-", "sd", "s/d"), or 0. */
function rangeSeparator(atoms: readonly Atom[], i: number): number {
  const punct = punctAt(atoms, i);
  if (punct !== undefined && RANGE_PUNCT.has(punct)) return 1;
  const word = wordAt(atoms, i);
  if (word !== undefined && RANGE_WORDS.has(word)) return 1;
  return word === 's' && punctAt(atoms, i + 1) === '/' && wordAt(atoms, i + 2) === 'd' ? 3 : 0;
}

/** "25rb" or "25.000" after a range separator: the far end of a price range. */
function rangeEndAt(atoms: readonly Atom[], i: number): number | null {
  let j = i;
  if (atoms[j]?.type === 'currency') j++;
  if (atoms[j]?.type !== 'number' || unitOf(wordAt(atoms, j + 1)) !== null) return null;
  return multiplierOf(wordAt(atoms, j + 1)) !== null ? j + 2 : j + 1;
}

function rangeAfter(atoms: readonly Atom[], first: number, i: number): Match | null {
  const sep = rangeSeparator(atoms, i);
  const end = sep > 0 ? rangeEndAt(atoms, i + sep) : null;
  return end === null ? null : { token: { type: 'ask', ...span(atoms, first, end) }, next: end };
}

/** A price written with digits from `i` on: "65rb", "65.000", "Rp 65.000", "1,2 jt", "500 perak". */
function moneyAt(atoms: readonly Atom[], i: number, explicit: boolean): Match | null {
  const atom = atoms[i];
  if (atom?.type !== 'number') return null;
  const multiplier = multiplierOf(wordAt(atoms, i + 1));
  if (multiplier !== null) {
    const value = Math.round(readNumber(atom.raw, 'multiplied') * multiplier);
    return rangeAfter(atoms, i, i + 2) ?? { token: { type: 'price', value, ...span(atoms, i, i + 2) }, next: i + 2 };
  }
  const range = rangeAfter(atoms, i, i + 1);
  if (range) return range;
  if (wordAt(atoms, i + 1) === 'perak') {
    return { token: { type: 'price', value: readNumber(atom.raw, 'price'), ...span(atoms, i, i + 2) }, next: i + 2 };
  }
  const half = HALF.get(wordAt(atoms, i + 1) ?? '');
  if (half !== undefined && !explicit) {
    // "17 setengah": seventeen and a half thousand, read like any bare number.
    const value = readNumber(atom.raw, 'price') + half;
    return { token: { type: 'bare', value, ...span(atoms, i, i + 2) }, next: i + 2 };
  }
  const value = readNumber(atom.raw, 'price');
  const type = explicit || isGrouped(atom.raw) ? 'price' : 'bare';
  return { token: { type, value, ...span(atoms, i, i + 1) }, next: i + 1 };
}

function quantity(atoms: readonly Atom[], first: number, next: number, amount: number, unit: Unit): Match {
  return { token: { type: 'quantity', amount, unit, ...span(atoms, first, next) }, next };
}

/** "1/2" written with a slash, as a value. */
function fractionAt(atoms: readonly Atom[], i: number): number | null {
  const top = atoms[i];
  const bottom = atoms[i + 2];
  if (top?.type !== 'number' || punctAt(atoms, i + 1) !== '/' || bottom?.type !== 'number') return null;
  return Number(top.raw) / Number(bottom.raw);
}

/** "5kg", "1,5 kg", "2 setengah kilo", "1/2 kg", "1 1/2 kg", "½ kg". */
function quantityAt(atoms: readonly Atom[], i: number): Match | null {
  const atom = atoms[i];
  if (atom?.type !== 'number') return null;
  const amount = readNumber(atom.raw, 'quantity');
  const unit = unitOf(wordAt(atoms, i + 1));
  if (unit) return quantity(atoms, i, i + 2, amount, unit);

  const half = HALF.get(wordAt(atoms, i + 1) ?? '');
  const halfUnit = unitOf(wordAt(atoms, i + 2));
  if (half !== undefined && halfUnit) return quantity(atoms, i, i + 3, amount + half, halfUnit);

  const fraction = fractionAt(atoms, i);
  const fractionUnit = unitOf(wordAt(atoms, i + 3));
  if (fraction !== null && fractionUnit) return quantity(atoms, i, i + 4, fraction, fractionUnit);
  const mixed = fractionAt(atoms, i + 1);
  const mixedUnit = unitOf(wordAt(atoms, i + 4));
  if (/^\d+$/.test(atom.raw) && mixed !== null && mixed < 1 && mixedUnit) {
    return quantity(atoms, i, i + 5, amount + mixed, mixedUnit);
  }
  return null;
}

/** "stok 10", "sisa: 3", "tinggal 2 bks". */
function stockAt(atoms: readonly Atom[], i: number): Match | null {
  if (!STOCK_WORDS.has(wordAt(atoms, i) ?? '')) return null;
  let j = i + 1;
  const punct = punctAt(atoms, j);
  if (punct === ':' || punct === '=') j++;
  const atom = atoms[j];
  if (atom?.type !== 'number') return null;
  const unit = unitOf(wordAt(atoms, j + 1));
  // "sisa 3 karung" counts what is left; "ada 5kg" says what size there is.
  if (unit !== null && AVAILABLE_WORDS.has(wordAt(atoms, i) ?? '')) return null;
  const next = unit !== null ? j + 2 : j + 1;
  return { token: { type: 'stock', value: readNumber(atom.raw, 'quantity'), ...span(atoms, i, next) }, next };
}

function wordsFrom(atoms: readonly Atom[], i: number): string[] {
  const words: string[] = [];
  for (let j = i; wordAt(atoms, j) !== undefined; j++) words.push(wordAt(atoms, j) as string);
  return words;
}

/** Single-word rules and numbers in words: "habis", "goceng", "sekilo", "setengah kilo", "seket ewu". */
function wordRuleAt(atoms: readonly Atom[], i: number): Match | null {
  const word = wordAt(atoms, i);
  if (word === undefined) return null;
  const one = (token: Token): Match => ({ token, next: i + 1 });
  const here = span(atoms, i, i + 1);

  if (OUT_OF_STOCK_WORDS.has(word)) return one({ type: 'out-of-stock', ...here });
  if (word === 'sold' && wordAt(atoms, i + 1) === 'out') {
    return { token: { type: 'out-of-stock', ...span(atoms, i, i + 2) }, next: i + 2 };
  }
  if (ASK_WORDS.has(word)) return one({ type: 'ask', ...here });
  const slang = slangPrice(word);
  if (slang !== null) return one({ type: 'price', value: slang, ...here });

  const oneUnit = oneUnitWord(word);
  if (oneUnit) {
    const half = HALF.get(wordAt(atoms, i + 1) ?? '');
    return half === undefined ? quantity(atoms, i, i + 1, 1, oneUnit) : quantity(atoms, i, i + 2, 1 + half, oneUnit);
  }
  const half = HALF.get(word);
  const halfUnit = unitOf(wordAt(atoms, i + 1));
  if (half !== undefined && halfUnit) return quantity(atoms, i, i + 2, half, halfUnit);
  if (word === 'per' || word === 'isi') return null;

  const phrase = readNumberPhrase(wordsFrom(atoms, i), 0);
  if (phrase === null) return null;
  const after = wordAt(atoms, i + phrase.length);
  const multiplier = multiplierOf(after);
  const next = i + phrase.length + 1;
  if (multiplier !== null) return { token: { type: 'price', value: phrase.value * multiplier, ...span(atoms, i, next) }, next };
  const unit = unitOf(after);
  return unit ? quantity(atoms, i, next, phrase.value, unit) : null;
}

/** "/kg" or "per kg" after a price; "isi 30" describes the pack and is not a price. */
function detailAt(atoms: readonly Atom[], i: number): Match | null {
  const unit = unitOf(wordAt(atoms, i + 1));
  if ((punctAt(atoms, i) === '/' || wordAt(atoms, i) === 'per') && unit) {
    return { token: { type: 'per-unit', unit, ...span(atoms, i, i + 2) }, next: i + 2 };
  }
  if (wordAt(atoms, i) === 'isi' && atoms[i + 1]?.type === 'number') {
    const next = unitOf(wordAt(atoms, i + 2)) !== null ? i + 3 : i + 2;
    return { token: { type: 'skip', ...span(atoms, i, next) }, next };
  }
  return null;
}

function tokenAt(atoms: readonly Atom[], i: number): Match {
  const atom = atoms[i] as Atom;
  if (atom.type === 'currency') {
    const j = punctAt(atoms, i + 1) === '.' || punctAt(atoms, i + 1) === ':' ? i + 2 : i + 1;
    const money = moneyAt(atoms, j, true);
    if (money) return { token: { ...money.token, start: atom.start }, next: money.next };
  }
  // "65rb-an": about 65 thousand.
  if (punctAt(atoms, i) === '-' && wordAt(atoms, i + 1) === 'an') {
    return { token: { type: 'ask', ...span(atoms, i, i + 2) }, next: i + 2 };
  }
  const match = quantityAt(atoms, i) ?? moneyAt(atoms, i, false) ?? stockAt(atoms, i) ?? detailAt(atoms, i) ??
    wordRuleAt(atoms, i);
  if (match) return match;
  if (atom.type === 'word') return { token: { type: 'word', text: atom.text, start: atom.start, end: atom.end }, next: i + 1 };
  if (atom.type === 'approx') return { token: { type: 'ask', start: atom.start, end: atom.end }, next: i + 1 };
  return { token: { type: 'skip', start: atom.start, end: atom.end }, next: i + 1 };
}

/** Reads all atoms of one fragment into tokens, left to right. */
export function readTokens(atoms: readonly Atom[]): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < atoms.length; ) {
    const { token, next } = tokenAt(atoms, i);
    tokens.push(token);
    i = next;
  }
  return tokens;
}
