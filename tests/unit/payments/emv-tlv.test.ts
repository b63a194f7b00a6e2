import { describe, expect, it } from 'vitest';
import { crc16CcittFalse } from '../../../src/payments/crc16.js';
import { fieldValue, parseTlv, serializeField, serializeTlv } from '../../../src/payments/emv-tlv.js';
import { crcOf } from './support/qris-builder.js';

describe('EMV TLV', () => {
  it('splits fields in order, values of the stated length', () => {
    expect(parseTlv('000201010211')).toEqual({
      ok: true,
      fields: [
        { tag: '00', value: '01' },
        { tag: '01', value: '11' },
      ],
    });
    expect(parseTlv('5913TOKO BU NYOMI6000')).toEqual({
      ok: true,
      fields: [
        { tag: '59', value: 'TOKO BU NYOMI' },
        { tag: '60', value: '' },
      ],
    });
  });

  it('parses a template value as fields too', () => {
    const outer = parseTlv('51440014ID.CO.QRIS.WWW0215ID10232499499840303UMI');
    expect(outer.ok).toBe(true);
    if (!outer.ok) return;
    const inner = parseTlv(outer.fields[0]?.value ?? '');
    expect(inner.ok && fieldValue(inner.fields, '02')).toBe('ID1023249949984');
  });

  it('reports a length that runs past the end, and where', () => {
    expect(parseTlv('0002015920TOKO')).toEqual({ ok: false, problem: 'overrun', at: 6 });
    expect(parseTlv('00020159')).toEqual({ ok: false, problem: 'overrun', at: 6 });
  });

  it('reports a tag or length that is not two digits', () => {
    expect(parseTlv('https://example.com')).toEqual({ ok: false, problem: 'malformed', at: 0 });
    expect(parseTlv('0002015AxxTOKO')).toEqual({ ok: false, problem: 'malformed', at: 6 });
    expect(parseTlv('00020159-1')).toEqual({ ok: false, problem: 'malformed', at: 6 });
  });

  it('serializes with two-digit lengths and round-trips', () => {
    const fields = [
      { tag: '00', value: '01' },
      { tag: '59', value: 'WARUNG SARI' },
    ];
    expect(serializeTlv(fields)).toBe('0002015911WARUNG SARI');
    expect(parseTlv(serializeTlv(fields))).toEqual({ ok: true, fields });
  });

  it('refuses to serialize what a two-digit length cannot say', () => {
    expect(() => serializeField('59', 'x'.repeat(100))).toThrow(RangeError);
    expect(() => serializeField('5', 'x')).toThrow(RangeError);
    expect(serializeField('62', 'x'.repeat(99))).toHaveLength(103);
  });
});

describe('CRC-16/CCITT-FALSE', () => {
  it('gives the catalogue check value for "123456789"', () => {
    expect(crc16CcittFalse('123456789')).toBe('29B1');
  });

  it('agrees with a bit-by-bit reference and pads to four uppercase digits', () => {
    for (const text of ['', 'A', '000201010211', '6304', 'Warung Bu Sri · Rungkut']) {
      expect(crc16CcittFalse(text)).toBe(crcOf(text));
      expect(crc16CcittFalse(text)).toMatch(/^[0-9A-F]{4}$/);
    }
  });
});
