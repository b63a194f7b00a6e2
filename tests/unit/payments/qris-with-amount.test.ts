import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/shared/errors.js';
import { parseQris, QrisError, qrisWithAmount } from '../../../src/payments/index.js';
import { buildQris, crcOf, readFields } from './support/qris-builder.js';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('qrisWithAmount', () => {
  it('makes the dynamic QR for Rp 319.500: tag 54 = 319500, POI 12, a valid CRC, the same merchant', () => {
    const shop = buildQris({ name: 'TOKO BU NYOMI', city: 'SURABAYA', additional: [['07', 'KASIR01']] });
    const dynamic = qrisWithAmount(shop, 319_500);
    const fields = readFields(dynamic);
    expect(fields.get('54')).toBe('319500');
    expect(fields.get('01')).toBe('12');
    expect(fields.get('63')).toBe(crcOf(dynamic.slice(0, -4)));
    expect(dynamic.endsWith(`6304${crcOf(dynamic.slice(0, -4))}`)).toBe(true);
    for (const kept of ['26', '51', '52', '53', '58', '59', '60', '62'])
      expect(fields.get(kept)).toBe(readFields(shop).get(kept));
    expect(parseQris(dynamic)).toEqual({
      ok: true,
      qris: {
        payload: dynamic,
        merchantName: 'TOKO BU NYOMI',
        merchantCity: 'SURABAYA',
        amount: 319_500,
        dynamic: true,
        nmid: 'ID1023249949984',
      },
    });
  });

  it('keeps 00 first, puts 01 second and 54 in ascending place', () => {
    const tags = [...readFields(qrisWithAmount(buildQris(), 1000)).keys()];
    expect(tags).toEqual(['00', '01', '26', '51', '52', '53', '54', '58', '59', '60', '63']);
  });

  it('adds point of initiation 12 when the sticker has none', () => {
    const shop = buildQris().replace('010211', '');
    const noPoi = `${shop.slice(0, -4)}${crcOf(shop.slice(0, -4))}`;
    expect(readFields(noPoi).has('01')).toBe(false);
    expect(readFields(qrisWithAmount(noPoi, 5000)).get('01')).toBe('12');
  });

  it('drops tip and convenience fee tags (55-57): the buyer pays exactly the order', () => {
    const shop = buildQris({
      tip: [
        ['55', '02'],
        ['56', '1000'],
      ],
    });
    const fields = readFields(qrisWithAmount(shop, 20_000));
    expect([fields.has('55'), fields.has('56'), fields.has('57')]).toEqual([false, false, false]);
  });

  it('replaces the amount of a QR that already carries one', () => {
    const result = parseQris(qrisWithAmount(buildQris({ poi: '12', amount: '25000' }), 40_000));
    expect(result.ok && result.qris.amount).toBe(40_000);
  });

  it('accepts a pasted sticker text with spaces, a newline and a lowercase CRC', () => {
    const shop = buildQris();
    const pasted = ` ${shop.slice(0, -4)}${shop.slice(-4).toLowerCase()}\n`;
    expect(qrisWithAmount(pasted, 15_000)).toBe(qrisWithAmount(shop, 15_000));
  });

  it('keeps the additional data a dynamic QR may carry (bill number, terminal label)', () => {
    const shop = buildQris({
      additional: [
        ['01', 'INV-0042'],
        ['05', 'ORDER-7'],
        ['07', 'T01'],
      ],
    });
    expect(readFields(qrisWithAmount(shop, 77_000)).get('62')).toBe('0108INV-00420507ORDER-70703T01');
  });

  it.each([0, -1000, 1000.5, Number.NaN, Number.POSITIVE_INFINITY, 10_000_000_000_000, Number.MAX_SAFE_INTEGER + 2])(
    'refuses the amount %s with a bad_amount QrisError',
    (rupiah) => {
      const error = thrown(() => qrisWithAmount(buildQris(), rupiah));
      expect(error).toBeInstanceOf(QrisError);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as QrisError).reason).toBe('bad_amount');
    },
  );

  it('takes the largest amount tag 54 can hold (13 digits)', () => {
    expect(readFields(qrisWithAmount(buildQris(), 9_999_999_999_999)).get('54')).toBe('9999999999999');
  });

  it('refuses a refused input with its reason', () => {
    const shop = buildQris();
    const error = thrown(() => qrisWithAmount(shop.slice(0, -4) + (shop.endsWith('0000') ? '0001' : '0000'), 1000));
    expect(error).toBeInstanceOf(QrisError);
    expect((error as QrisError).reason).toBe('bad_crc');
    expect((thrown(() => qrisWithAmount('https://example.com/pay', 1000)) as QrisError).reason).toBe('not_emv');
  });
});
