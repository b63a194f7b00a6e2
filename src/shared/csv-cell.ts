// A cell that starts with = + - @ (or a tab/CR) is a formula to spreadsheet apps: prefix it so that a shop
// named "=HYPERLINK(…)" stays text (CSV injection).
const FORMULA = /^[=+\-@\t\r]/;

/** A text cell as spreadsheet apps must read it: never as a formula. */
export function safeText(v: string): string {
  return FORMULA.test(v) ? `'${v}` : v;
}

/** One RFC 4180 CSV cell. */
export function csvCell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const s = safeText(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
