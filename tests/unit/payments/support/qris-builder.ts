/**
 * Builds QRIS payloads in tests from the published layout (EMVCo merchant-presented mode as Bank Indonesia's
 * QRIS uses it), with its own bit-by-bit CRC so that a wrong table in src/payments cannot agree with itself.
 */
export type Fields = ReadonlyArray<readonly [tag: string, value: string]>;

export function tlv(tag: string, value: string): string {
  return tag + String(value.length).padStart(2, '0') + value;
}

export function template(fields: Fields): string {
  return fields.map(([tag, value]) => tlv(tag, value)).join('');
}

/** CRC-16/CCITT-FALSE, bit by bit over UTF-8 bytes. */
export function crcOf(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

/** Appends "6304" and the checksum. */
export function withCrc(body: string): string {
  return `${body}6304${crcOf(`${body}6304`)}`;
}

export interface ShopQris {
  name?: string;
  city?: string;
  /** The issuer's own template (tag 26): GUID and merchant PAN. */
  issuerGuid?: string;
  merchantPan?: string;
  nmid?: string;
  poi?: '11' | '12';
  amount?: string;
  tip?: Fields;
  country?: string;
  currency?: string;
  postalCode?: string;
  additional?: Fields;
  /** Leave the national template (tag 51) out. */
  withoutQrisTemplate?: boolean;
}

/** The top-level fields of a static QRIS sticker, in the order issuers print them. */
export function qrisFields(shop: ShopQris = {}): Fields {
  const fields: Array<readonly [string, string]> = [
    ['00', '01'],
    ['01', shop.poi ?? '11'],
    [
      '26',
      template([
        ['00', shop.issuerGuid ?? 'ID.CO.BANKBRI.WWW'],
        ['01', shop.merchantPan ?? '936000020000123456'],
        ['02', '000001234567890'],
        ['03', 'UMI'],
      ]),
    ],
  ];
  if (!shop.withoutQrisTemplate) {
    fields.push([
      '51',
      template([
        ['00', 'ID.CO.QRIS.WWW'],
        ['02', shop.nmid ?? 'ID1023249949984'],
        ['03', 'UMI'],
      ]),
    ]);
  }
  fields.push(['52', '5411'], ['53', shop.currency ?? '360']);
  if (shop.amount !== undefined) fields.push(['54', shop.amount]);
  fields.push(...(shop.tip ?? []));
  fields.push(['58', shop.country ?? 'ID'], ['59', shop.name ?? 'TOKO BU NYOMI'], ['60', shop.city ?? 'SURABAYA']);
  if (shop.postalCode !== undefined) fields.push(['61', shop.postalCode]);
  if (shop.additional) fields.push(['62', template(shop.additional)]);
  return fields;
}

export function buildPayload(fields: Fields): string {
  return withCrc(template(fields));
}

export function buildQris(shop: ShopQris = {}): string {
  return buildPayload(qrisFields(shop));
}

/** Reads the top-level fields of a payload back, trusting it (test use only). */
export function readFields(payload: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (let at = 0; at < payload.length;) {
    const length = Number(payload.slice(at + 2, at + 4));
    fields.set(payload.slice(at, at + 2), payload.slice(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return fields;
}
