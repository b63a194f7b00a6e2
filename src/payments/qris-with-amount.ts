import { crc16CcittFalse } from './crc16.js';
import { serializeTlv, type TlvField } from './emv-tlv.js';
import { inspectQris } from './parse-qris.js';
import { QrisError } from './qris.errors.js';

/** Tag 54 holds at most 13 characters. */
const MAX_AMOUNT_DIGITS = 13;
/** Replaced: point of initiation, amount, tip or convenience fee (the buyer pays exactly the order), checksum. */
const REPLACED = new Set(['01', '54', '55', '56', '57', '63']);

/**
 * The dynamic payload for exactly `rupiah`: point of initiation '12', tag 54 = amount, tip tags 55-57 dropped,
 * CRC recomputed; every other field is kept as the issuer wrote it. Throws QrisError for a refused input or an
 * amount that is not a positive whole number within tag 54's 13 characters.
 */
export function qrisWithAmount(text: string, rupiah: number): string {
  const inspection = inspectQris(text);
  if (!inspection.ok) throw new QrisError(inspection.reason, inspection.detail);
  if (!Number.isSafeInteger(rupiah) || rupiah <= 0 || String(rupiah).length > MAX_AMOUNT_DIGITS) {
    throw new QrisError(
      'bad_amount',
      `amount ${String(rupiah)} is not a positive whole number of rupiah of at most ${MAX_AMOUNT_DIGITS} digits`,
    );
  }
  const [first, ...rest] = inspection.fields.filter((field) => !REPLACED.has(field.tag));
  // Tag order is free in EMVCo except 00 first and 63 last; 01 goes second and 54 before the first tag past it,
  // as issuers write them, so that people reading the payload find what they expect.
  const fields: TlvField[] = [first ?? { tag: '00', value: '01' }, { tag: '01', value: '12' }];
  const amount: TlvField = { tag: '54', value: String(rupiah) };
  const at = rest.findIndex((field) => field.tag > '54');
  if (at === -1) rest.push(amount);
  else rest.splice(at, 0, amount);
  fields.push(...rest);
  const body = `${serializeTlv(fields)}6304`;
  return body + crc16CcittFalse(body);
}
