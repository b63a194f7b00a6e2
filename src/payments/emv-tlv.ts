/**
 * The EMVCo QR "TLV" (really ID-length-value): a two-digit tag, a two-digit decimal length, then that many
 * characters of value, repeated. Templates (merchant account information 26-51, additional data 62, language
 * template 64) hold the same structure inside their value. Lengths count characters (UTF-16 code units, which
 * equal characters for the alphanumeric-special set that payment codes use).
 *
 * No kept, typed EMVCo library exists on npm (the ones found are single-version or untyped, and none checks
 * QRIS's rules), and the format is a dozen lines, so it is written here with its own tests.
 */
export interface TlvField {
  tag: string;
  value: string;
}

export type TlvParse =
  | { ok: true; fields: TlvField[] }
  /** `malformed`: a tag or length that is not two digits; `overrun`: a length that runs past the end. */
  | { ok: false; problem: 'malformed' | 'overrun'; at: number };

const TWO_DIGITS = /^\d\d$/;

/** Splits `text` into its fields, in the order they appear; never throws. */
export function parseTlv(text: string): TlvParse {
  const fields: TlvField[] = [];
  let at = 0;
  while (at < text.length) {
    if (at + 4 > text.length) return { ok: false, problem: 'overrun', at };
    const tag = text.slice(at, at + 2);
    const length = text.slice(at + 2, at + 4);
    if (!TWO_DIGITS.test(tag) || !TWO_DIGITS.test(length)) return { ok: false, problem: 'malformed', at };
    const end = at + 4 + Number(length);
    if (end > text.length) return { ok: false, problem: 'overrun', at };
    fields.push({ tag, value: text.slice(at + 4, end) });
    at = end;
  }
  return { ok: true, fields };
}

/** One field as text; throws a RangeError for a tag that is not two digits or a value past 99 characters. */
export function serializeField(tag: string, value: string): string {
  if (!TWO_DIGITS.test(tag)) throw new RangeError(`EMV tag must be two digits, got ${JSON.stringify(tag)}`);
  if (value.length > 99) throw new RangeError(`EMV tag ${tag} holds at most 99 characters, got ${value.length}`);
  return tag + String(value.length).padStart(2, '0') + value;
}

export function serializeTlv(fields: readonly TlvField[]): string {
  return fields.map((field) => serializeField(field.tag, field.value)).join('');
}

/** The first field with `tag`, or undefined. */
export function fieldValue(fields: readonly TlvField[], tag: string): string | undefined {
  return fields.find((field) => field.tag === tag)?.value;
}
