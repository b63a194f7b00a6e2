import QRCode from 'qrcode';
import sharp from 'sharp';

/** CRC-16/CCITT-FALSE, bit by bit (deliberately not the production table code). */
function crc16(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

const tlv = (tag: string, value: string) => `${tag}${String(value.length).padStart(2, '0')}${value}`;

/**
 * A static merchant QRIS as printed on a shop's sticker, built from the published layout: payload format
 * 01, point of initiation 11 (static), a QRIS merchant account template (26) with the national merchant id
 * template (51), MCC, currency 360, country ID, merchant name (59) and city (60), CRC (63).
 */
export function staticQris(p: { name?: string; city?: string; nmid?: string } = {}): string {
  const body =
    tlv('00', '01') +
    tlv('01', '11') +
    tlv(
      '26',
      tlv('00', 'ID.CO.QRIS.WWW') + tlv('01', '936000140000000123') + tlv('02', '000000000123') + tlv('03', 'UMI'),
    ) +
    tlv('51', tlv('00', 'ID.CO.QRIS.WWW') + tlv('02', p.nmid ?? 'ID1020012345678') + tlv('03', 'UMI')) +
    tlv('52', '5411') +
    tlv('53', '360') +
    tlv('58', 'ID') +
    tlv('59', p.name ?? 'TOKO BU NYOMI') +
    tlv('60', p.city ?? 'SURABAYA') +
    tlv('61', '60111') +
    '6304';
  return body + crc16(body);
}

/** The same payload with its CRC broken (last digit changed). */
export function withBadCrc(payload: string): string {
  const last = payload.at(-1)!;
  return payload.slice(0, -1) + (last === '0' ? '1' : '0');
}

/** A photo of a QR holding `text`: the code on a grey background, a little rotated, as a phone would take it. */
export async function qrPhoto(text: string): Promise<Buffer> {
  const qr = await QRCode.toBuffer(text, { type: 'png', margin: 4, width: 360 });
  return sharp({ create: { width: 640, height: 640, channels: 3, background: { r: 200, g: 196, b: 190 } } })
    .composite([{ input: await sharp(qr).rotate(8, { background: '#ffffff' }).toBuffer(), gravity: 'center' }])
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** A photo with no QR at all: a plain coloured picture with some shapes. */
export async function photoWithoutQr(): Promise<Buffer> {
  const svg = Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><rect width="400" height="300" fill="#e8d7a0"/><circle cx="200" cy="150" r="80" fill="#8a5a2b"/></svg>',
  );
  return sharp(svg).jpeg().toBuffer();
}
