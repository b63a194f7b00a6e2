/**
 * Second pass: reads atoms into the facts a product post is made of (quantity, price, stock, ...).
 * Each rule looks at a few atoms from the current one; anything no rule claims stays a word.
 */
import { punctAt, span, wordAt, wordsFrom } from './atoms.js';
import type { Atom } from './lex-posting.js';
import { readWordAmount } from './number-words.js';
import { isGrouped, readNumber } from './parse-number.js';
import type { Match, Token } from './posting-token.js';
import { slangAmount } from './slang-amounts.js';
import { multiplierOf, ONE_BEFORE_UNIT, oneUnitWord, unitReading, type Unit } from './units.js';

export type { Token } from './posting-token.js';

const STOCK_WORDS = new Set([
  'stok',
  'stock',
  'stoke',
  'stk',
  'sisa',
  'tinggal',
  'ada',
  'ready',
  'tersedia',
  'wonten',
  'onok',
  'kari',
]);
const AVAILABLE_WORDS = new Set(['ada', 'ready', 'tersedia', 'wonten', 'onok']);
const OUT_OF_STOCK_WORDS = new Set(['habis', 'abis', 'hbs', 'kosong', 'ksg', 'entek', 'telas', 'soldout', 'kosongan']);
// "mulai 5rb" is a lower bound, not the price.
const ASK_WORDS = new Set(['tanya', 'nego', 'japri', 'mulai', 'inbox', 'pm']);
const VARIANT_WORDS = new Set(['ecer', 'eceran', 'ecerannya', 'grosir', 'satuan', 'ketengan']);
const RANGE_WORDS = new Set(['sd', 's.d', 'sampai', 'smp', 'hingga']);
const RANGE_PUNCT = new Set(['-', '–', '—', '~']);
const TIME_WORDS = new Set(['jam', 'pukul', 'pkl']);
const DURATION_WORDS = new Set(['menit', 'mnt', 'jam', 'hari', 'detik']);
const HALF: ReadonlyMap<string, number> = new Map([
  ['setengah', 0.5],
  ['seperempat', 0.25],
]);

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
  if (atoms[j]?.type !== 'number' || unitReading(wordAt(atoms, j + 1)) !== null) return null;
  return multiplierOf(wordAt(atoms, j + 1)) !== null ? j + 2 : j + 1;
}

function rangeAfter(atoms: readonly Atom[], first: number, i: number): Match | null {
  const sep = rangeSeparator(atoms, i);
  const end = sep > 0 ? rangeEndAt(atoms, i + sep) : null;
  return end === null ? null : { token: { type: 'ask', ...span(atoms, first, end) }, next: end };
}

/** "1jt 150rb": a smaller amount written straight after a larger one adds to it. */
function addSmaller(
  atoms: readonly Atom[],
  value: number,
  multiplier: number,
  i: number,
): { value: number; next: number } {
  const atom = atoms[i];
  const after = multiplierOf(wordAt(atoms, i + 1));
  if (atom?.type !== 'number' || after === null || after >= multiplier || !/^\d{1,3}$/.test(atom.raw))
    return { value, next: i };
  return { value: value + Number(atom.raw) * after, next: i + 2 };
}

/** A price written with digits from `i` on: "65rb", "65.000", "Rp 65.000", "1,2 jt", "500 perak". */
function moneyAt(atoms: readonly Atom[], i: number, explicit: boolean): Match | null {
  const atom = atoms[i];
  if (atom?.type !== 'number') return null;
  const multiplier = multiplierOf(wordAt(atoms, i + 1));
  if (multiplier !== null) {
    const range = rangeAfter(atoms, i, i + 2);
    if (range) return range;
    const sum = addSmaller(atoms, Math.round(readNumber(atom.raw, 'multiplied') * multiplier), multiplier, i + 2);
    return { token: { type: 'price', value: sum.value, ...span(atoms, i, sum.next) }, next: sum.next };
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
    return { token: { type: 'bare', value, words: false, ...span(atoms, i, i + 2) }, next: i + 2 };
  }
  const value = readNumber(atom.raw, 'price');
  if (explicit || isGrouped(atom.raw))
    return { token: { type: 'price', value, ...span(atoms, i, i + 1) }, next: i + 1 };
  return { token: { type: 'bare', value, words: false, ...span(atoms, i, i + 1) }, next: i + 1 };
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

/** "5kg", "1,5 kg", "2 setengah kilo", "1/2 kg", "1 1/2 kg", "½ kg", "1 kwintal" (100 kg). */
function quantityAt(atoms: readonly Atom[], i: number): Match | null {
  const atom = atoms[i];
  if (atom?.type !== 'number') return null;
  const amount = readNumber(atom.raw, 'quantity');
  const unit = unitReading(wordAt(atoms, i + 1));
  if (unit) return quantity(atoms, i, i + 2, amount * unit.factor, unit.unit);

  const half = HALF.get(wordAt(atoms, i + 1) ?? '');
  const halfUnit = unitReading(wordAt(atoms, i + 2));
  if (half !== undefined && halfUnit)
    return quantity(atoms, i, i + 3, (amount + half) * halfUnit.factor, halfUnit.unit);

  const fraction = fractionAt(atoms, i);
  const fractionUnit = unitReading(wordAt(atoms, i + 3));
  if (fraction !== null && fractionUnit)
    return quantity(atoms, i, i + 4, fraction * fractionUnit.factor, fractionUnit.unit);
  const mixed = fractionAt(atoms, i + 1);
  const mixedUnit = unitReading(wordAt(atoms, i + 4));
  if (/^\d+$/.test(atom.raw) && mixed !== null && mixed < 1 && mixedUnit) {
    return quantity(atoms, i, i + 5, (amount + mixed) * mixedUnit.factor, mixedUnit.unit);
  }
  return null;
}

/** A count written in digits or words at `j`: "3", "telu", "rolas"; with how many atoms it takes. */
function countAt(atoms: readonly Atom[], j: number): { value: number; next: number } | null {
  const atom = atoms[j];
  if (atom?.type === 'number') return { value: readNumber(atom.raw, 'quantity'), next: j + 1 };
  const words = readWordAmount(wordsFrom(atoms, j), 0);
  return words && !words.scaled ? { value: words.value, next: j + words.length } : null;
}

/** "stok 10", "sisa: 3", "tinggal 2 bks", "stok telu". */
function stockAt(atoms: readonly Atom[], i: number): Match | null {
  const word = wordAt(atoms, i) ?? '';
  if (!STOCK_WORDS.has(word)) return null;
  let j = i + 1;
  const punct = punctAt(atoms, j);
  if (punct === ':' || punct === '=') j++;
  const count = countAt(atoms, j);
  if (count === null) return null;
  const unit = unitReading(wordAt(atoms, count.next));
  // "sisa 3 karung" counts what is left; "ada 5kg" says what size there is.
  if (unit !== null && AVAILABLE_WORDS.has(word)) return null;
  // "ada 3 in 1": a number that is not followed by a unit or the end is not a count after "ada".
  const next = unit !== null ? count.next + 1 : count.next;
  return { token: { type: 'stock', value: count.value, ...span(atoms, i, next) }, next };
}

/** "jam 3", "jam 10.00", "10 menit": times and durations, which are never prices. */
function timeAt(atoms: readonly Atom[], i: number): Match | null {
  if (TIME_WORDS.has(wordAt(atoms, i) ?? '') && atoms[i + 1]?.type === 'number') {
    return { token: { type: 'skip', ...span(atoms, i, i + 2) }, next: i + 2 };
  }
  if (atoms[i]?.type === 'number' && DURATION_WORDS.has(wordAt(atoms, i + 1) ?? '')) {
    return { token: { type: 'skip', ...span(atoms, i, i + 2) }, next: i + 2 };
  }
  return null;
}

/** An amount in words: "selawe ewu" (a price), "limang kilo" (a quantity), "rolas setengah" (bare). */
function wordAmountAt(atoms: readonly Atom[], i: number): Match | null {
  const amount = readWordAmount(wordsFrom(atoms, i), 0);
  if (amount === null) return null;
  const end = i + amount.length;
  if (amount.scaled) return { token: { type: 'price', value: amount.value, ...span(atoms, i, end) }, next: end };
  const unit = unitReading(wordAt(atoms, end));
  if (unit) return quantity(atoms, i, end + 1, amount.value * unit.factor, unit.unit);
  if (wordAt(atoms, end) === 'perak')
    return { token: { type: 'price', value: amount.value, ...span(atoms, i, end + 1) }, next: end + 1 };
  return { token: { type: 'bare', value: amount.value, words: true, ...span(atoms, i, end) }, next: end };
}

/** Single-word rules: "habis", "goceng", "sekilo", "sak bungkus", "setengah kilo", "ecer". */
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
  if (VARIANT_WORDS.has(word)) return one({ type: 'variant', text: word, ...here });
  const slang = slangAmount(word, wordAt(atoms, i + 1));
  if (slang !== null)
    return { token: { type: 'price', value: slang.value, ...span(atoms, i, i + slang.words) }, next: i + slang.words };

  const oneUnit =
    oneUnitWord(word) ?? (ONE_BEFORE_UNIT.has(word) ? unitReading(wordAt(atoms, i + 1))?.unit : undefined);
  if (oneUnit) {
    const first = oneUnitWord(word) ? i + 1 : i + 2;
    const factor = oneUnitWord(word) ? 1 : (unitReading(wordAt(atoms, i + 1))?.factor ?? 1);
    const half = HALF.get(wordAt(atoms, first) ?? '');
    return half === undefined
      ? quantity(atoms, i, first, factor, oneUnit)
      : quantity(atoms, i, first + 1, (1 + half) * factor, oneUnit);
  }
  const half = HALF.get(word);
  const halfUnit = unitReading(wordAt(atoms, i + 1));
  if (half !== undefined && halfUnit) return quantity(atoms, i, i + 2, half * halfUnit.factor, halfUnit.unit);
  if (word === 'per' || word === 'isi') return null;
  return wordAmountAt(atoms, i);
}

/** "/kg" or "per kg" after a price; "isi 30" describes the pack and is not a price. */
function detailAt(atoms: readonly Atom[], i: number): Match | null {
  const unit = unitReading(wordAt(atoms, i + 1));
  if ((punctAt(atoms, i) === '/' || wordAt(atoms, i) === 'per') && unit && unit.factor === 1) {
    return { token: { type: 'per-unit', unit: unit.unit, ...span(atoms, i, i + 2) }, next: i + 2 };
  }
  // "tahu isi 1rb" is stuffed tofu at a price, not a pack of one.
  if (wordAt(atoms, i) === 'isi' && atoms[i + 1]?.type === 'number' && multiplierOf(wordAt(atoms, i + 2)) === null) {
    const next = unitReading(wordAt(atoms, i + 2)) !== null ? i + 3 : i + 2;
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
  if (atom.type === 'price')
    return { token: { type: 'price', value: atom.value, start: atom.start, end: atom.end }, next: i + 1 };
  // "65rb-an": about 65 thousand.
  if (punctAt(atoms, i) === '-' && wordAt(atoms, i + 1) === 'an') {
    return { token: { type: 'ask', ...span(atoms, i, i + 2) }, next: i + 2 };
  }
  const match =
    timeAt(atoms, i) ??
    quantityAt(atoms, i) ??
    moneyAt(atoms, i, false) ??
    stockAt(atoms, i) ??
    detailAt(atoms, i) ??
    wordRuleAt(atoms, i);
  if (match) return match;
  if (atom.type === 'word')
    return { token: { type: 'word', text: atom.text, start: atom.start, end: atom.end }, next: i + 1 };
  if (atom.type === 'approx') return { token: { type: 'ask', start: atom.start, end: atom.end }, next: i + 1 };
  return { token: { type: 'skip', start: atom.start, end: atom.end }, next: i + 1 };
}

/** Reads all atoms of one fragment into tokens, left to right. */
export function readTokens(atoms: readonly Atom[]): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < atoms.length;) {
    const { token, next } = tokenAt(atoms, i);
    tokens.push(token);
    i = next;
  }
  return tokens;
}
