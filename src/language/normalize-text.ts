/**
 * Text folding shared by the reply and posting parsers.
 *
 * `foldText` keeps every character at its index (one UTF-16 unit in, one out) so that the posting
 * parser can cut `source` fragments out of the original message by position.
 */

const FULL_WIDTH_START = 0xff01;
const FULL_WIDTH_END = 0xff5e;
const FULL_WIDTH_OFFSET = 0xfee0;

function foldChar(ch: string): string {
  const code = ch.charCodeAt(0);
  // Phone keyboards in CJK or "wide" mode send １２ and ｋｇ; they mean the ASCII characters.
  if (code >= FULL_WIDTH_START && code <= FULL_WIDTH_END) {
    return String.fromCharCode(code - FULL_WIDTH_OFFSET).toLowerCase();
  }
  if (ch === '\u2019' || ch === '\u2018' || ch === '`') return "'";
  if (ch === '\u3000') return ' ';
  const lower = ch.toLowerCase();
  // A few letters (e.g. "İ") lower-case into two units; keeping the original keeps positions aligned.
  return lower.length === 1 ? lower : ch;
}

const SPECIAL = /[\uFF01-\uFF5E\u2018\u2019`\u3000]/;

/** Lower-cases and maps full-width forms to ASCII, one UTF-16 unit for one. */
export function foldText(text: string): string {
  // Most posts need no per-character work: lower-casing keeps their length, and nothing is full-width.
  if (!SPECIAL.test(text)) {
    const lower = text.toLowerCase();
    if (lower.length === text.length) return lower;
  }
  let out = '';
  for (let i = 0; i < text.length; i++) out += foldChar(text.charAt(i));
  return out;
}

/**
 * Squeezes runs of one repeated letter ("iyaaa" -> "iya", "gakkk" -> "gak"). Digits are left alone,
 * since "11" is not "1". Vocabularies are compared in squeezed form on both sides.
 */
export function squeezeRepeats(word: string): string {
  return word.replace(/(\p{L})\1+/gu, '$1');
}

const KEYCAP = /([0-9])\uFE0F?\u20E3/g;

/** Turns keycap emoji (1️⃣) into their digit and 🔟 into "10", padded so they stay separate words. */
export function replaceKeycaps(text: string): string {
  return text.replace(KEYCAP, ' $1 ').replace(/\u{1F51F}/gu, ' 10 ');
}
