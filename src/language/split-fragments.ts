/**
 * Cuts a post into one fragment per product: lines, ";", " dan ", and commas that are not inside a
 * number ("34,000", "1,2jt", "15,7rb") nor the ",-" after a rupiah amount.
 */

// "- ", "• ", "1. ", "2)" at the start of a line; "1.5kg" is a number, not a bullet. A line of
// nothing but such marks ("-----", "• • •", "=====") is a divider and disappears with them.
const BULLET = /^\s*(?:(?:[-•*·▪►➤→>=_~]\s*)+|\d{1,2}[.)](?!\d)\s*)/u;
const HARD_BREAK = /\r\n|\r|\n|;|；|\|/;
const AND = /\s+dan\s+/i;
const COMMA = /[,，]/;

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

function splitCommas(piece: string): string[] {
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < piece.length; i++) {
    if (!COMMA.test(piece.charAt(i))) continue;
    const before = piece[i - 1];
    const after = piece[i + 1];
    if ((isDigit(before) && isDigit(after)) || after === '-') continue;
    parts.push(piece.slice(from, i));
    from = i + 1;
  }
  parts.push(piece.slice(from));
  return parts;
}

/** The product fragments of a post, trimmed and without bullets, in order. */
export function splitFragments(text: string): string[] {
  return text
    .split(HARD_BREAK)
    .flatMap((line) => line.replace(BULLET, '').split(AND))
    .flatMap(splitCommas)
    .map((fragment) => fragment.replace(BULLET, '').trim())
    .filter((fragment) => fragment !== '');
}
