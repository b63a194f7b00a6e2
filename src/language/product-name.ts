/**
 * Turning the leftover words of a post into a product name: drop greetings, sales talk and
 * address words, and fix the misspellings that would otherwise split one product into two.
 */

import { CHATTER, LIST_WORDS, STOCK_HEADER_WORDS } from './post-words.js';

const FILLERS = new Set([
  ...CHATTER,
  ...LIST_WORDS,
  ...STOCK_HEADER_WORDS,
  // Javanese "still", "there is", "sell"; "isi ulang" (refill) says how, not what
  'taksih',
  'isih',
  'ulang',
  'stoke',
  'dijual',
  'jual',
  // price and stock talk whose numbers were read elsewhere
  'harga',
  'hrg',
  'hrga',
  'cuma',
  'cuman',
  'hanya',
  'aja',
  'saja',
  'per',
  'stok',
  'stock',
  'stk',
  'sisa',
  'tinggal',
  'ada',
  'ready',
  'tersedia',
  'lagi',
  'lg',
  'sudah',
  'udah',
  'sdh',
  'wis',
  'sampun',
  'masih',
  'murah',
  'promo',
  'dijual',
  'jual',
  'sedia',
  'rp',
  'idr',
  // greetings and forms of address
  'halo',
  'hallo',
  'hai',
  'pagi',
  'siang',
  'sore',
  'malam',
  'selamat',
  'assalamualaikum',
  'monggo',
  'bu',
  'pak',
  'mas',
  'mbak',
  'kak',
  'ya',
  'nggih',
  'yg',
  'yang',
]);

const SPELLING: ReadonlyMap<string, string> = new Map([
  ['telor', 'telur'],
  ['tlr', 'telur'],
  ['bras', 'beras'],
  ['brs', 'beras'],
  ['minyk', 'minyak'],
  ['mnyak', 'minyak'],
  ['mnyk', 'minyak'],
  ['myk', 'minyak'],
  ['trigu', 'terigu'],
  ['tpung', 'tepung'],
  ['gla', 'gula'],
  ['bwang', 'bawang'],
]);

/** True for words that never belong in a product name. */
export function isFiller(word: string): boolean {
  return FILLERS.has(word);
}

/** The product name from the words of one item, or null when none is left. */
export function productName(words: readonly string[]): string | null {
  // "isi ulang" (refill) says how it is sold; "tahu isi" is a product.
  const refill = words.flatMap((w, i) => (w === 'isi' && words[i + 1] === 'ulang' ? [] : [w]));
  const kept = refill.filter((w) => !isFiller(w) && /[\p{L}\p{N}]/u.test(w)).map((w) => SPELLING.get(w) ?? w);
  return kept.length === 0 ? null : kept.join(' ');
}
