/**
 * What a buyer types while shopping instead of pressing buttons: "beras 2", "mau pesan minyak 2 liter",
 * "gula sekilo 3", "hapus minyak", "pesan lagi yang kemarin", "halo". Read with the posting parser's
 * tokens (number words, units, "sekilo"), so a buyer and a shop are understood the same way. One request
 * per message; anything with two products, a question or a doubt is unclear and the flow asks.
 */
import { lexPosting } from './lex-posting.js';
import { foldText } from './normalize-text.js';
import type { Token } from './posting-token.js';
import { readTokens } from './posting-tokens.js';
import { productName } from './product-name.js';
import { inSet } from './reply-lex.js';
import { APOLOGIES, DOUBTS, NEGATORS, NO_WORDS, PARTICLES, TAGS, YES_WORDS } from './reply-words.js';
import type { Unit } from './units.js';

export type BuyerRequest =
  | { intent: 'menu' }
  | { intent: 'repeat' }
  | { intent: 'remove'; name: string }
  /** add to the cart, or set the cart's quantity; `count` pieces of `size` when written */
  | { intent: 'add' | 'set'; name: string; count: number | null; size: { amount: number; unit: Unit } | null }
  | 'unclear';

/** A larger count is a typo or a joke in a chat order; the cart refuses it anyway. */
const MAX_COUNT = 999;

const GREETINGS = new Set([
  'halo',
  'hallo',
  'helo',
  'hello',
  'hai',
  'hi',
  'p',
  'ping',
  'assalamualaikum',
  'assalamu',
  'alaikum',
  'salam',
  'permisi',
  'selamat',
  'pagi',
  'siang',
  'sore',
  'malam',
  'sugeng',
  'enjing',
  'sonten',
  'dalu',
  'menu',
  'mulai',
  'start',
  'lihat',
  'buka',
  'min',
  'admin',
  'dong',
  'kak',
  'bu',
  'pak',
  'mas',
  'mbak',
  'gan',
  'sis',
  'kulonuwun',
  'punten',
  'woy',
  'tes',
  'test',
]);
/** A greeting alone must name the bot or the menu, not just "bu" or "pagi" in another sentence. */
const GREETING_HEADS = new Set([
  'halo',
  'hallo',
  'helo',
  'hello',
  'hai',
  'hi',
  'p',
  'ping',
  'assalamualaikum',
  'salam',
  'permisi',
  'selamat',
  'pagi',
  'sugeng',
  'menu',
  'mulai',
  'start',
  'min',
  'admin',
  'kulonuwun',
  'punten',
  'tes',
  'test',
  'siang',
  'sore',
  'malam',
]);

const ORDER_VERBS = new Set([
  'mau',
  'pesan',
  'pesen',
  'psn',
  'beli',
  'tuku',
  'tumbas',
  'minta',
  'nyuwun',
  'tolong',
  'kirim',
  'order',
  'tambah',
  'tambahin',
  'tambahkan',
  'saya',
  'aku',
  'kulo',
  'lagi',
  'ambil',
  'njaluk',
  'golek',
  'cari',
  'yg',
  'yang',
  'sing',
  'ya',
]);
const REMOVE_VERBS = new Set([
  'hapus',
  'hapusin',
  'buang',
  'delete',
  'del',
  'cancel',
  'batal',
  'batalkan',
  'hilangkan',
  'keluarkan',
  'remove',
]);
const REMOVE_FILLERS = new Set([
  'dari',
  'keranjang',
  'beli',
  'tuku',
  'tumbas',
  'pesan',
  'pesen',
  'yg',
  'yang',
  'sing',
  'aja',
  'saja',
]);
/** "gak jadi", "ora sido", "mboten sios": taking something back out of the cart. */
const UNDO = new Set(['jadi', 'sido', 'sios', 'jd']);
const SET_VERBS = new Set(['ganti', 'ubah', 'diganti', 'diubah', 'jadikan', 'gantien']);
const SET_TO = new Set(['jadi', 'dadi', 'jd', 'diganti', 'diubah']);
const REPEAT_CORE = new Set([
  'kemarin',
  'kemaren',
  'wingi',
  'biasa',
  'biasanya',
  'ulang',
  'ulangi',
  'maneh',
  'meneh',
  'sama',
]);
const REPEAT_WORDS = new Set([
  ...REPEAT_CORE,
  'pesan',
  'pesen',
  'pesanan',
  'order',
  'beli',
  'tuku',
  'lagi',
  'yang',
  'yg',
  'sing',
  'seperti',
  'kayak',
  'kaya',
  'koyok',
  'koyo',
  'kados',
  'persis',
  'aja',
  'ae',
  'mawon',
]);

const STRAY = new Set<Token['type']>(['price', 'ask', 'stock', 'out-of-stock', 'per-unit']);

function words(text: string): string[] {
  return foldText(text)
    .split(/[^\p{L}\p{N}']+/u)
    .filter((w) => w !== '');
}

const polite = (w: string): boolean => inSet(PARTICLES, w) || inSet(APOLOGIES, w) || inSet(TAGS, w);

function isMenu(ws: readonly string[]): boolean {
  return ws.length > 0 && ws.length <= 4 && ws.every((w) => GREETINGS.has(w)) && ws.some((w) => GREETING_HEADS.has(w));
}

function isRepeat(ws: readonly string[]): boolean {
  const plain = ws.filter((w) => !polite(w));
  // "pesan lagi", "order maneh": the same again.
  if (
    plain.length === 2 &&
    ['pesan', 'pesen', 'order'].includes(plain[0] as string) &&
    ['lagi', 'maneh', 'meneh'].includes(plain[1] as string)
  )
    return true;
  const core = ws.filter((w) => REPEAT_CORE.has(w));
  if (core.length === 0 || !ws.every((w) => REPEAT_WORDS.has(w) || polite(w))) return false;
  // "sama" alone is not enough ("sama" = "and/with"); it needs "kemarin"/"seperti"/"pesanan".
  return (
    core.some((w) => w !== 'sama') ||
    ws.includes('pesanan') ||
    ws.includes('kemarin') ||
    ws.some((w) => ['kayak', 'seperti', 'koyok', 'kados'].includes(w))
  );
}

/** The product words of a request, or null when a word says something else (a yes, a no, a question). */
function nameOf(all: readonly string[]): string | null {
  const ws = all.filter((w) => !polite(w));
  // "gas" is also LPG; every other assent word ("ok", "siap") is not goods.
  if (ws.some((w) => inSet(DOUBTS, w) || (inSet(YES_WORDS, w) && w !== 'gas') || inSet(NO_WORDS, w) || w === 'atau'))
    return null;
  return productName(ws);
}

function readRemove(ws: readonly string[]): BuyerRequest | null {
  const undoAt = ws.findIndex((w, i) => inSet(NEGATORS, w) && UNDO.has(ws[i + 1] ?? ''));
  const verbAt = ws.findIndex((w) => REMOVE_VERBS.has(w));
  if (undoAt < 0 && verbAt < 0) return null;
  const rest = ws.filter(
    (w, i) => i !== verbAt && !(undoAt >= 0 && (i === undoAt || i === undoAt + 1)) && !REMOVE_FILLERS.has(w),
  );
  if (rest.some((w) => /\d/.test(w)) || rest.some((w) => ORDER_VERBS.has(w) && w !== 'ya')) return 'unclear';
  const name = nameOf(rest);
  return name === null ? 'unclear' : { intent: 'remove', name };
}

function countOf(t: Token): number | null {
  if (t.type !== 'bare') return null;
  return Number.isInteger(t.value) && t.value >= 1 && t.value <= MAX_COUNT ? t.value : Number.NaN;
}

/** "ganti beras jadi 3", "kopi jadi dua": the new quantity of a cart line. */
function readSet(text: string, ws: readonly string[]): BuyerRequest | null {
  const toAt = ws.findIndex((w) => SET_TO.has(w));
  if (toAt < 0 && !ws.some((w) => SET_VERBS.has(w))) return null;
  const before = ws.filter((w, i) => i < toAt && !SET_VERBS.has(w));
  const after = ws.slice(toAt + 1);
  if (toAt < 0 || before.length === 0 || after.length === 0) return 'unclear';
  const tokens = readTokens(lexPosting(after.join(' '))).filter((t) => t.type !== 'word' || !polite(t.text));
  const [only] = tokens;
  const count = tokens.length === 1 && only ? countOf(only) : null;
  const name = nameOf(before);
  if (count === null || Number.isNaN(count) || name === null || /-\s*\d/.test(text)) return 'unclear';
  return { intent: 'set', name, count, size: null };
}

function readAdd(text: string): BuyerRequest {
  // "beras 2x", "beras x2": the x only says "times".
  const cleaned = foldText(text)
    .replace(/(\d)\s*[x×]\b/gu, '$1')
    .replace(/\b[x×]\s*(\d)/gu, '$1');
  if (/-\s*\d/.test(cleaned)) return 'unclear';
  const tokens = readTokens(lexPosting(cleaned)).filter((t) => t.type !== 'skip');
  if (tokens.some((t) => STRAY.has(t.type))) return 'unclear';
  const sizes = tokens.flatMap((t) => (t.type === 'quantity' ? [{ amount: t.amount, unit: t.unit }] : []));
  const counts = tokens.flatMap((t) => (t.type === 'bare' ? [countOf(t)] : []));
  const nameWords = tokens.flatMap((t) => (t.type === 'word' ? [t.text] : []));
  if (sizes.length > 1 || counts.length > 1 || counts.some((c) => c === null || Number.isNaN(c))) return 'unclear';
  // One product: its words stand together, with no count between them ("beras 2 gula 1" is two).
  const isName = (t: Token): boolean => t.type === 'word' && !ORDER_VERBS.has(t.text) && !polite(t.text);
  const firstWord = tokens.findIndex(isName);
  const lastWord = tokens.findLastIndex(isName);
  if (firstWord < 0 || tokens.slice(firstWord, lastWord + 1).some((t) => t.type === 'bare')) return 'unclear';
  const leading = nameWords.findIndex((w) => !ORDER_VERBS.has(w));
  const name = nameOf(
    nameWords
      .slice(Math.max(0, leading))
      .filter((w) => !(ORDER_VERBS.has(w) && ['ya', 'lagi', 'yg', 'yang', 'sing'].includes(w))),
  );
  if (name === null) return 'unclear';
  return { intent: 'add', name, count: counts[0] ?? null, size: sizes[0] ?? null };
}

/** Reads a buyer's typed request; see `BuyerRequest`. */
export function parseBuyerText(text: string): BuyerRequest {
  if (/[?¿]/.test(text) || text.length > 200) return 'unclear';
  const ws = words(text);
  if (ws.length === 0) return 'unclear';
  if (isMenu(ws)) return { intent: 'menu' };
  if (isRepeat(ws)) return { intent: 'repeat' };
  const removal = readRemove(ws);
  if (removal !== null) return removal;
  if (ws.some((w) => ORDER_VERBS.has(w) && w !== 'ya') && ws.some((w) => REMOVE_VERBS.has(w))) return 'unclear';
  const setting = readSet(text, ws);
  if (setting !== null) return setting;
  return readAdd(text);
}
