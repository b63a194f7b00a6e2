import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQris, qrisWithAmount } from '../../../src/payments/index.js';
import { buildQris, crcOf, readFields, type ShopQris } from './support/qris-builder.js';

const ans = fc.string({
  unit: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz0123456789.-&'"),
  minLength: 1,
  maxLength: 25,
});
const shop: fc.Arbitrary<ShopQris> = fc.record({
  name: ans.filter((name) => name.trim() !== ''),
  city: ans.map((city) => city.slice(0, 15)).filter((city) => city.trim() !== ''),
  issuerGuid: fc.constantFrom(
    'ID.CO.BANKBRI.WWW',
    'COM.GO-JEK.WWW',
    'ID.DANA.WWW',
    'ID.CO.SHOPEE.WWW',
    'ID.LINKAJA.WWW',
  ),
  merchantPan: fc.stringMatching(/^9360\d{14}$/),
  withoutQrisTemplate: fc.boolean(),
  additional: fc.option(
    fc
      .array(fc.tuple(fc.constantFrom('01', '05', '07'), ans), { minLength: 1, maxLength: 3 })
      .map((pairs) => [...new Map(pairs)]),
    { nil: undefined },
  ),
  tip: fc.option(fc.constant([['55', '01'] as const]), { nil: undefined }),
});

describe('QRIS properties', () => {
  it('parseQris never throws on random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        expect(() => parseQris(text)).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });

  it('parseQris never throws on a corrupted payload, and accepts it only with a matching CRC', () => {
    fc.assert(
      fc.property(shop, fc.nat(), fc.string({ maxLength: 6 }), fc.nat({ max: 8 }), (merchant, at, insert, cut) => {
        const payload = buildQris(merchant);
        const index = at % payload.length;
        const corrupted = payload.slice(0, index) + insert + payload.slice(index + cut);
        const result = parseQris(corrupted);
        if (result.ok) expect(result.qris.payload.slice(-4)).toBe(crcOf(result.qris.payload.slice(0, -4)));
      }),
      { numRuns: 2000 },
    );
  });

  it('qrisWithAmount gives that amount, the same merchant and a valid CRC, for any built sticker and amount', () => {
    fc.assert(
      fc.property(shop, fc.integer({ min: 1, max: 9_999_999_999_999 }), (merchant, rupiah) => {
        const sticker = parseQris(buildQris(merchant));
        expect(sticker.ok).toBe(true);
        if (!sticker.ok) return;
        const dynamic = qrisWithAmount(sticker.qris.payload, rupiah);
        const result = parseQris(dynamic);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.qris).toMatchObject({
          amount: rupiah,
          dynamic: true,
          merchantName: sticker.qris.merchantName,
          merchantCity: sticker.qris.merchantCity,
          nmid: sticker.qris.nmid,
        });
        expect(dynamic.slice(-4)).toBe(crcOf(dynamic.slice(0, -4)));
        expect(readFields(dynamic).get('54')).toBe(String(rupiah));
      }),
      { numRuns: 500 },
    );
  });
});
