import { describe, expect, it } from 'vitest';
import * as peken from '../../../src/index.js';

describe('library entry (src/index.ts)', () => {
  it('exports the reply and posting parsers, working', () => {
    expect(peken.parseReply('nggih', 'yes_no')).toEqual({ kind: 'yes' });
    expect(peken.parsePosting('beras 5kg 65rb').items[0]).toMatchObject({ name: 'beras', price: 65_000 });
    expect(peken.formatRupiah(65_000)).toBe('Rp 65.000');
  });

  it('exports the QRIS parser and the dynamic QRIS maker, working', () => {
    const body =
      '00020101021126280017ID.CO.BANKBRI.WWW0303UMI51250014ID.CO.QRIS.WWW0203N01530336058' +
      '02ID5913TOKO BU NYOMI6008SURABAYA6304';
    const sticker = body + crcHex(body);
    expect(peken.parseQris(sticker)).toMatchObject({
      ok: true,
      qris: { merchantName: 'TOKO BU NYOMI', merchantCity: 'SURABAYA', amount: null },
    });
    const dynamic = peken.qrisWithAmount(sticker, 319_500);
    expect(peken.parseQris(dynamic)).toMatchObject({ ok: true, qris: { amount: 319_500, dynamic: true } });
    expect(peken.parseQris('https://example.com')).toMatchObject({ ok: false, reason: 'not_emv' });
    expect(() => peken.qrisWithAmount(sticker, 0)).toThrow(peken.QrisError);
  });
});

/** CRC-16/CCITT-FALSE written out here, so that the entry is checked against something it does not export. */
function crcHex(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text)) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}
