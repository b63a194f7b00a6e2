/**
 * Cuts a post into segments: lines, sentences (". " after a word), ";", " dan ", and commas that are
 * not inside a number ("34,000", "1,2jt"), nor the ",-" after a rupiah amount, nor parentheses
 * ("paket (sirup, biskuit) 150rb" is one item). A header ("stok sore ini:", "ready:") is not a segment:
 * it sets how the segments after it read.
 */
import { foldText } from './normalize-text.js';
import { isHeaderWord, LIST_WORDS, STOCK_HEADER_WORDS } from './post-words.js';

/**
 * How a segment reads: `stock` after "stok hari ini:" (numbers are counts), `list` after "ada"/"ready"
 * on the same line (a bare name is an item).
 */
export type SegmentMode = 'normal' | 'stock' | 'list';

export type Segment = {
  /** as written, for `source` and the echo */
  text: string;
  /** the text to read: `text` with pack contents in parentheses blanked, same length */
  reading: string;
  mode: SegmentMode;
  /** the segment begins a line (a new line may start a new product) */
  lineStart: boolean;
};

// "- ", "• ", "1. ", "2)" at the start of a line; "1.5kg" is a number, not a bullet. A line of
// nothing but such marks ("-----", "• • •", "=====") is a divider and disappears with them.
const BULLET = /^\s*(?:(?:[-•*·▪►➤→>=_~✅✔☑👉🔸🔹◾▫]\uFE0F?\s*)+|\d{1,2}[.)](?!\d)\s*)/u;
const LINE_BREAK = /\r\n|\r|\n/;
const HARD_BREAK = /;|；|\|/;
// Not krama "kalih": it is also the number two ("kalih liter").
const AND = /\s+(?:dan|karo|&)\s+/i;
const ABBREVIATIONS = new Set(['rp', 'no', 'hrg', 'jl', 'dll', 'dsb', 'pkl', 's.d', 'sd']);

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

/** Splits at commas and sentence ends that are outside parentheses and numbers. */
function splitInside(piece: string): string[] {
  const parts: string[] = [];
  let from = 0;
  let depth = 0;
  for (let i = 0; i < piece.length; i++) {
    const ch = piece.charAt(i);
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    if (depth > 0) continue;
    const before = piece[i - 1];
    const after = piece[i + 1];
    if (ch === ',' || ch === '，') {
      if ((isDigit(before) && isDigit(after)) || after === '-') continue;
    } else if (ch === '.' || ch === '!') {
      // A sentence ends at "." before a space or the end, unless it closes an abbreviation ("Rp. 5.000").
      if (!(after === undefined || /\s/.test(after))) continue;
      const word = /([\p{L}.]+)$/u.exec(piece.slice(from, i))?.[1]?.toLowerCase();
      if (word !== undefined && ABBREVIATIONS.has(word)) continue;
    } else {
      continue;
    }
    parts.push(piece.slice(from, i));
    from = i + 1;
  }
  parts.push(piece.slice(from));
  return parts;
}

const words = (text: string): string[] =>
  foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');

/** The mode a header sets, or null when `text` is not a header (it names goods or holds a number). */
function headerMode(text: string): SegmentMode | null {
  const ws = words(text);
  if (ws.length === 0 || !ws.every(isHeaderWord)) return null;
  if (ws.some((w) => LIST_WORDS.has(w))) return 'list';
  return ws.some((w) => STOCK_HEADER_WORDS.has(w)) ? 'stock' : 'normal';
}

/**
 * Blanks "(24 btl 600ml)" after a quantity, and the contents of a bundle ("paket lebaran (sirup, kopi)"):
 * they describe the item and are no items of their own. Keeps the length, so positions still match.
 */
function blankPackContents(text: string): string {
  return text.replace(/\(([^()]*)\)/g, (whole: string, inside: string, offset: number) => {
    const before = foldText(text.slice(0, offset));
    const bundle = /(?:^|\s)(?:paket|parcel|parsel|hampers|bingkisan|bundling|paketan)\b/.test(before);
    const packAfterQuantity = /\d\s*[\p{L}]+\s*$/u.test(before) && !/stok|stock|sisa|tinggal/.test(foldText(inside));
    return bundle || packAfterQuantity ? ' '.repeat(whole.length) : whole;
  });
}

/** The segments of a post, trimmed and without bullets, in order, each with the mode it reads in. */
export function splitSegments(text: string): Segment[] {
  const segments: Segment[] = [];
  let carried: SegmentMode = 'normal';
  for (const rawLine of text.split(LINE_BREAK)) {
    const line = rawLine.replace(BULLET, '');
    if (line.trim() === '') {
      carried = 'normal';
      continue;
    }
    const ownHeader = headerMode(line.replace(/:\s*$/, ''));
    if (ownHeader !== null) {
      // A header line alone: "Stok hari ini:" reads the lines after it as counts.
      carried = ownHeader === 'stock' ? 'stock' : 'normal';
      continue;
    }
    let mode: SegmentMode = carried;
    let body = line;
    const colon = line.indexOf(':');
    const inline = colon > 0 ? headerMode(line.slice(0, colon)) : null;
    if (inline !== null) {
      mode = inline === 'normal' ? carried : inline;
      body = line.slice(colon + 1);
    } else if (LIST_WORDS.has(words(line)[0] ?? '')) {
      mode = 'list';
    }
    let lineStart = true;
    for (const piece of body
      .split(HARD_BREAK)
      .flatMap((p) => p.split(AND))
      .flatMap(splitInside)) {
      const trimmed = piece.replace(BULLET, '').trim();
      if (trimmed === '') continue;
      segments.push({ text: trimmed, reading: blankPackContents(trimmed), mode, lineStart });
      lineStart = false;
    }
  }
  return segments;
}

/** The product fragments of a post, trimmed and without bullets, in order. */
export function splitFragments(text: string): string[] {
  return splitSegments(text).map((s) => s.text);
}
