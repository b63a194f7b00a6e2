/**
 * Digits as shopkeepers write them. Dots and commas are both used for thousands ("65.000", "34,000")
 * and for decimals ("1,5kg", "15.5rb"), so the reading depends on what follows the number.
 */

/** What follows the digits, which decides how a separator reads. */
export type NumberContext =
  /** before "rb"/"jt"/"ewu": a separator is a decimal point ("1,2jt", "15.5rb"). */
  | 'multiplied'
  /** a price without suffix: groups of three are thousands ("65.000", "34,000"). */
  | 'price'
  /** before a unit: a comma is decimal ("1,5kg"), a dot before three digits is thousands ("1.000ml"). */
  | 'quantity';

const FRACTIONS: ReadonlyMap<string, number> = new Map([
  ['½', 0.5],
  ['¼', 0.25],
  ['¾', 0.75],
]);

/** True when the number is written with thousands groups, e.g. "65.000" or "1,200,000". */
export function isGrouped(raw: string): boolean {
  return /^\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*$/.test(raw);
}

/** Reads `raw` (digits, separators, or a vulgar fraction such as "1½") in `context`; NaN if it cannot. */
export function readNumber(raw: string, context: NumberContext): number {
  const fraction = /^(\d*)([½¼¾])$/.exec(raw);
  if (fraction) return Number(fraction[1] || '0') + (FRACTIONS.get(fraction[2] as string) ?? Number.NaN);
  if (/^\d+$/.test(raw)) return Number(raw);
  // "65.000,00": zero cents after a grouped amount, as printed on receipts.
  const cents = /^(\d{1,3}(?:[.,]\d{3})+)[.,]00$/.exec(raw);
  if (cents && context !== 'multiplied' && isGrouped(cents[1] as string))
    return readNumber(cents[1] as string, context);

  const single = /^(\d+)([.,])(\d+)$/.exec(raw);
  const decimal = single ? Number(`${single[1]}.${single[3]}`) : Number.NaN;
  const grouped = isGrouped(raw) ? Number(raw.replace(/[.,]/g, '')) : Number.NaN;

  switch (context) {
    case 'multiplied':
      return decimal;
    case 'price':
      return isGrouped(raw) ? grouped : decimal;
    case 'quantity':
      if (single?.[2] === ',') return decimal;
      return isGrouped(raw) ? grouped : decimal;
  }
}
