import { crc16CcittFalse } from './crc16.js';
import { fieldValue, parseTlv, type TlvField } from './emv-tlv.js';
import type { Qris, QrisParse, QrisRefusal } from './qris.types.js';

/** The globally unique identifier of the national QRIS template (tag 51 on every QRIS sticker). */
export const QRIS_GUID = 'ID.CO.QRIS.WWW';

/**
 * EMVCo caps a merchant-presented payload at 512 characters; anything far longer is refused before any work,
 * so that a pasted novel costs nothing.
 */
const MAX_PAYLOAD_CHARS = 1024;

/** Issuers name their merchant account templates by reverse domain: ID.CO.QRIS.WWW, ID.DANA.WWW, COM.GO-JEK.WWW… */
const INDONESIAN_GUID = /^(ID|COM)\.[A-Z0-9-]+(\.[A-Z0-9-]+)*$/i;
/** Whole rupiah; IDR's ISO 4217 exponent is 2, so some issuers write "15000.00": accepted when the cents are zero. */
const AMOUNT = /^(\d+)(\.0{1,2})?$/;
const TEMPLATE_TAGS = new Set(['62', '64']);
const isAccountTemplate = (tag: string): boolean => tag >= '26' && tag <= '51';

/** Parsed fields beside the result, for qrisWithAmount to rebuild the payload from. */
export type QrisInspection =
  { ok: true; qris: Qris; fields: TlvField[] } | { ok: false; reason: QrisRefusal; detail: string };

/**
 * Reads a merchant-presented QRIS from the text of its QR code: the merchant's name, city and amount if any,
 * or why the text is refused. Pure and total: odd input gets a refusal, never an exception.
 */
export function parseQris(text: string): QrisParse {
  const inspection = inspectQris(text);
  return inspection.ok ? { ok: true, qris: inspection.qris } : inspection;
}

export function inspectQris(text: string): QrisInspection {
  if (typeof text !== 'string') return refuse('empty', 'no text given');
  if (text.length > 64 * MAX_PAYLOAD_CHARS)
    return refuse('not_emv', `${text.length} characters is far longer than a payment code`);
  const normalized = normalize(text);
  if (normalized === '') return refuse('empty', 'the text is empty');
  if (normalized.length > MAX_PAYLOAD_CHARS) {
    return refuse(
      'not_emv',
      `${normalized.length} characters is longer than a payment code (at most ${MAX_PAYLOAD_CHARS})`,
    );
  }
  if (!normalized.startsWith('000201'))
    return refuse('not_emv', 'does not start with the EMV payload format indicator 000201');

  // The checksum is verified before the structure: a damaged code is damaged, whatever broke inside it.
  const tail = /6304([0-9A-Fa-f]{4})$/.exec(normalized);
  if (tail) {
    const expected = crc16CcittFalse(normalized.slice(0, -4));
    const given = (tail[1] ?? '').toUpperCase();
    if (given !== expected)
      return refuse('bad_crc', `checksum ${given} does not match the content (expected ${expected})`);
  }
  const payload = tail ? normalized.slice(0, -4) + (tail[1] ?? '').toUpperCase() : normalized;

  const top = parseTlv(payload);
  if (!top.ok) {
    return top.problem === 'overrun'
      ? refuse('truncated', `the field at character ${top.at} runs past the end: the code is cut short`)
      : refuse('not_emv', `character ${top.at} does not start a field (two-digit tag and length)`);
  }
  const fields = top.fields;
  const crcIndex = fields.findIndex((field) => field.tag === '63');
  if (crcIndex === -1) return refuse('truncated', 'the code ends before its checksum (tag 63)');
  if (crcIndex !== fields.length - 1) return refuse('not_emv', 'the checksum (tag 63) is not the last field');
  if (!tail) return refuse('bad_crc', 'the checksum (tag 63) is not four hex digits');

  const seen = new Set<string>();
  for (const field of fields) {
    if (seen.has(field.tag)) return refuse('not_emv', `tag ${field.tag} appears twice`);
    seen.add(field.tag);
  }
  const poi = fieldValue(fields, '01');
  if (poi !== undefined && poi !== '11' && poi !== '12')
    return refuse('not_emv', `point of initiation ${poi} is neither 11 nor 12`);

  const templates = new Map<string, TlvField[]>();
  for (const field of fields) {
    if (!isAccountTemplate(field.tag) && !TEMPLATE_TAGS.has(field.tag)) continue;
    const inner = parseTlv(field.value);
    if (!inner.ok) return refuse('not_emv', `template ${field.tag} is not made of fields`);
    templates.set(field.tag, inner.fields);
  }

  const country = fieldValue(fields, '58');
  if (country !== 'ID')
    return refuse('not_qris', country === undefined ? 'no country (tag 58)' : `country ${country} is not ID`);
  const currency = fieldValue(fields, '53');
  if (currency !== '360') {
    return refuse(
      'not_qris',
      currency === undefined ? 'no currency (tag 53)' : `currency ${currency} is not rupiah (360)`,
    );
  }
  const accounts = [...templates].filter(([tag]) => isAccountTemplate(tag)).map(([, inner]) => inner);
  const guids = accounts.map((inner) => fieldValue(inner, '00') ?? '');
  if (!guids.some((guid) => INDONESIAN_GUID.test(guid))) {
    return refuse(
      'not_qris',
      accounts.length === 0 ? 'no merchant account (tags 26-51)' : 'no Indonesian merchant account (ID.… or COM.…)',
    );
  }

  const merchantName = fieldValue(fields, '59')?.trim() ?? '';
  const merchantCity = fieldValue(fields, '60')?.trim() ?? '';
  if (merchantName === '') return refuse('not_merchant', 'no merchant name (tag 59)');
  if (merchantCity === '') return refuse('not_merchant', 'no merchant city (tag 60)');

  let amount: number | null = null;
  const rawAmount = fieldValue(fields, '54');
  if (rawAmount !== undefined) {
    const match = AMOUNT.exec(rawAmount);
    const rupiah = match ? Number(match[1]) : NaN;
    if (!Number.isSafeInteger(rupiah) || rupiah <= 0)
      return refuse('bad_amount', `amount ${JSON.stringify(rawAmount)} is not a whole number of rupiah`);
    amount = rupiah;
  }

  const qrisAccount = accounts.find((inner) => fieldValue(inner, '00')?.toUpperCase() === QRIS_GUID);
  const nmid = qrisAccount ? fieldValue(qrisAccount, '02')?.trim() || null : null;
  return { ok: true, qris: { payload, merchantName, merchantCity, amount, dynamic: poi === '12', nmid }, fields };
}

/**
 * Trims whitespace and zero-width characters around the text, and removes line breaks inside it: a payload's
 * characters are printable ASCII, so a line break can only come from a chat app or editor wrapping it.
 */
function normalize(text: string): string {
  // Index walks rather than an anchored regex: /\s+$/ is quadratic on long runs of inner whitespace.
  let start = 0;
  let end = text.length;
  while (start < end && isBlank(text.charCodeAt(start))) start++;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end).replace(/[\r\n]+/g, '');
}

function isBlank(code: number): boolean {
  return (
    code <= 0x20 ||
    code === 0xa0 ||
    (code >= 0x200b && code <= 0x200d) ||
    code === 0x2060 ||
    code === 0xfeff ||
    code === 0x3000
  );
}

function refuse(reason: QrisRefusal, detail: string): { ok: false; reason: QrisRefusal; detail: string } {
  return { ok: false, reason, detail };
}
