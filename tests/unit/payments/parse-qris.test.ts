import { describe, expect, it } from 'vitest';
import { parseQris } from '../../../src/payments/index.js';
import { buildPayload, buildQris, crcOf, qrisFields, template, tlv, withCrc } from './support/qris-builder.js';

function refusal(text: string): string {
  const result = parseQris(text);
  return result.ok ? 'accepted' : result.reason;
}

describe('parseQris: valid merchant QRIS', () => {
  it('reads name, city and NMID of a static sticker, with no amount', () => {
    const payload = buildQris({ name: 'TOKO BU NYOMI', city: 'SURABAYA', nmid: 'ID1023249949984' });
    expect(parseQris(payload)).toEqual({
      ok: true,
      qris: {
        payload,
        merchantName: 'TOKO BU NYOMI',
        merchantCity: 'SURABAYA',
        amount: null,
        dynamic: false,
        nmid: 'ID1023249949984',
      },
    });
  });

  it.each([
    ['a bank (BRI)', 'ID.CO.BANKBRI.WWW'],
    ['an e-wallet (GoPay)', 'COM.GO-JEK.WWW'],
    ['an e-wallet (DANA)', 'ID.DANA.WWW'],
    ['a cooperative network', 'ID.OR.GPNQR.WWW'],
  ])('accepts a sticker issued by %s', (_issuer, issuerGuid) => {
    const result = parseQris(buildQris({ issuerGuid, name: 'WARUNG SARI', city: 'RUNGKUT' }));
    expect(result.ok && result.qris.merchantName).toBe('WARUNG SARI');
    expect(result.ok && result.qris.merchantCity).toBe('RUNGKUT');
  });

  it('accepts an issuer template alone (no national template), without an NMID', () => {
    const result = parseQris(buildQris({ withoutQrisTemplate: true, issuerGuid: 'ID.CO.BANKMANDIRI.WWW' }));
    expect(result.ok && result.qris.nmid).toBeNull();
  });

  it('accepts additional data (tag 62: bill number, terminal label) and a postal code', () => {
    const payload = buildQris({
      postalCode: '60293',
      additional: [
        ['01', 'INV-2026-0042'],
        ['07', 'KASIR01'],
      ],
    });
    expect(parseQris(payload).ok).toBe(true);
  });

  it('accepts a tip indicator (tag 55) on a static sticker', () => {
    const result = parseQris(buildQris({ tip: [['55', '01']] }));
    expect(result.ok && result.qris.amount).toBeNull();
  });

  it('reads the amount and the dynamic flag of a QR that already carries one', () => {
    const result = parseQris(buildQris({ poi: '12', amount: '25000' }));
    expect(result.ok && result.qris).toMatchObject({ amount: 25_000, dynamic: true });
    const cents = parseQris(buildQris({ poi: '12', amount: '25000.00' }));
    expect(cents.ok && cents.qris.amount).toBe(25_000);
  });

  it('trims whitespace and line breaks around, and a line break inside, the pasted text', () => {
    const payload = buildQris();
    for (const text of [
      `  ${payload}\n`,
      `\r\n${payload}\t`,
      `\u200B${payload}\uFEFF`,
      `${payload.slice(0, 40)}\n${payload.slice(40)}`,
    ]) {
      const result = parseQris(text);
      expect(result.ok && result.qris.payload).toBe(payload);
    }
  });

  it('accepts a lowercase checksum and gives the payload back in uppercase', () => {
    const payload = buildQris();
    const lower = payload.slice(0, -4) + payload.slice(-4).toLowerCase();
    expect(lower).not.toBe(payload); // the builder's CRC must hold a letter for this test to mean something
    const result = parseQris(lower);
    expect(result.ok && result.qris.payload).toBe(payload);
  });

  it('accepts tags in a non-ascending order (only 00 first and 63 last are fixed)', () => {
    const fields = qrisFields();
    const shuffled = [fields[0]!, ...fields.slice(1).reverse()];
    const result = parseQris(buildPayload(shuffled));
    expect(result.ok && result.qris.merchantName).toBe('TOKO BU NYOMI');
  });
});

describe('parseQris: refusals, each with its own reason', () => {
  it('refuses empty text', () => {
    expect(refusal('')).toBe('empty');
    expect(refusal(' \n\t ')).toBe('empty');
  });

  it('refuses a URL and random text as not EMV', () => {
    expect(refusal('https://wa.me/6281234567890')).toBe('not_emv');
    expect(refusal('beras 5kg 65rb')).toBe('not_emv');
    expect(refusal('0102110002016304ABCD')).toBe('not_emv');
  });

  it('refuses a wrong checksum, naming the expected one', () => {
    const payload = buildQris();
    const wrong = payload.slice(0, -4) + (payload.endsWith('0000') ? '0001' : '0000');
    const result = parseQris(wrong);
    expect(result).toMatchObject({ ok: false, reason: 'bad_crc' });
    expect(!result.ok && result.detail).toContain(crcOf(payload.slice(0, -4)));
  });

  it('refuses a changed character under a kept checksum (the merchant name edited)', () => {
    expect(refusal(buildQris({ name: 'TOKO BU NYOMI' }).replace('NYOMI', 'NYOMO'))).toBe('bad_crc');
  });

  it('refuses a checksum that is not hex', () => {
    expect(refusal(`${template(qrisFields())}6304XYZW`)).toBe('bad_crc');
  });

  it('refuses a truncated payload, cut inside a field or between fields', () => {
    const payload = buildQris();
    const cut = payload.indexOf('TOKO BU') + 4; // inside the merchant name: tag 59's length runs past the end
    expect(refusal(payload.slice(0, cut))).toBe('truncated');
    expect(refusal(payload.slice(0, -13))).toBe('truncated');
    expect(refusal(payload.slice(0, payload.indexOf('5802ID')))).toBe('truncated');
    expect(refusal(payload.slice(0, -8))).toBe('truncated');
  });

  it('refuses an EMV code of another country or currency as not QRIS', () => {
    expect(refusal(buildQris({ country: 'SG' }))).toBe('not_qris');
    expect(refusal(buildQris({ currency: '702' }))).toBe('not_qris');
  });

  it('refuses an EMV code with no Indonesian merchant account template as not QRIS', () => {
    const fields = qrisFields({ withoutQrisTemplate: true, issuerGuid: 'SG.PAYNOW' });
    expect(refusal(buildPayload(fields))).toBe('not_qris');
    const noAccount = qrisFields().filter(([tag]) => tag !== '26' && tag !== '51');
    expect(refusal(buildPayload(noAccount))).toBe('not_qris');
  });

  it('refuses a QRIS without merchant name or city as not a merchant', () => {
    expect(refusal(buildPayload(qrisFields().filter(([tag]) => tag !== '59')))).toBe('not_merchant');
    expect(refusal(buildQris({ city: '   ' }))).toBe('not_merchant');
  });

  it('refuses an amount that is not whole rupiah', () => {
    for (const amount of ['12.50', 'abc', '0', '-5', '1e5'])
      expect(refusal(buildQris({ poi: '12', amount }))).toBe('bad_amount');
  });

  it('refuses a checksum that is not the last field, or a repeated tag', () => {
    const body = template(qrisFields());
    expect(refusal(withCrc(`${body}6304ABCD`))).toBe('not_emv');
    expect(refusal(withCrc(body + tlv('59', 'OTHER')))).toBe('not_emv');
  });

  it('refuses a broken merchant account template', () => {
    const fields = qrisFields().map(([tag, value]) =>
      tag === '26' ? ([tag, 'not a template'] as const) : ([tag, value] as const),
    );
    expect(refusal(buildPayload(fields))).toBe('not_emv');
  });

  it('refuses a very long text quickly', () => {
    const started = performance.now();
    expect(refusal(`000201${'9'.repeat(5_000_000)}`)).toBe('not_emv');
    expect(refusal(`${' x'.repeat(30_000)}${buildQris()}`)).toBe('not_emv');
    expect(performance.now() - started).toBeLessThan(200);
  });
});
