import { describe, expect, it } from 'vitest';
import { readAreaRows } from '../../../src/areas/area-data.js';
import { ConfigError, parseConfig } from '../../../src/config/config.js';
import { isValidNik, isValidNip } from '../../../src/shared/identity.js';
import { createLogger, scrub } from '../../../src/shared/logger.js';
import { formatRupiah } from '../../../src/shared/money.js';
import { daysLeft, periodEnd, periodOf, periodStart } from '../../../src/shared/period.js';
import { maskPhone, normalizePhone } from '../../../src/shared/phone.js';
import { Writable } from 'node:stream';

describe('money', () => {
  it('formats whole rupiah the Indonesian way', () => {
    expect(formatRupiah(30_000_000)).toBe('Rp 30.000.000');
    expect(formatRupiah(65_500)).toBe('Rp 65.500');
  });
});

describe('periods in Asia/Jakarta', () => {
  it('puts 23:59 WIB on the last day and 00:01 WIB on the first in different months', () => {
    expect(periodOf(new Date('2026-12-31T16:59:00Z'))).toBe('2026-12');
    expect(periodOf(new Date('2026-12-31T17:01:00Z'))).toBe('2027-01');
    expect(periodStart('2027-01').toISOString()).toBe('2026-12-31T17:00:00.000Z');
    expect(periodEnd('2026-02').toISOString()).toBe('2026-02-28T17:00:00.000Z');
    expect(daysLeft(new Date('2026-11-30T10:00:00Z'))).toBe(1);
  });
});

describe('phones and identity numbers', () => {
  it.each([
    ['0812-3456-7890', '+6281234567890'],
    ['6281234567890', '+6281234567890'],
    ['+62 812 3456 789', '+62812345678' + '9'],
    ['81234567890', '+6281234567890'],
  ])('normalises %s to E.164', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each(['12345', '0212345678', '+1 415 555 0100', 'abc', '08123'])('rejects %s', (input) => {
    expect(normalizePhone(input)).toBeNull();
  });

  it('validates NIP and NIK formats', () => {
    expect(isValidNip('198001012005011001')).toBe(true);
    expect(isValidNip('19800101200501100')).toBe(false);
    expect(isValidNip('198013012005011001')).toBe(false); // month 13
    expect(isValidNik('3578010101800001')).toBe(true);
    expect(isValidNik('0078010101800001')).toBe(false);
  });

  it('masks phones and scrubs NIP/NIK from log lines', () => {
    expect(maskPhone('+6281234567890')).toBe('+62********890');
    expect(scrub('nip 198001012005011001 nik 3578010101800001 hp +6281234567890')).toBe(
      'nip [redacted] nik [redacted] hp +62********890',
    );
  });

  it('never writes a NIP or an unmasked phone to the log', () => {
    let written = '';
    const sink = new Writable({
      write(chunk, _enc, cb) {
        written += String(chunk);
        cb();
      },
    });
    const logger = createLogger({ level: 'info', destination: sink });
    logger.info(
      { nip: '198001012005011001', phone: '+6281234567890', buyer: { nip: '198001012005011001' } },
      'linked 198001012005011001 from +6281234567890',
    );
    logger.warn('plain text with +6281234567890 and 3578010101800001');
    expect(written).toContain('linked');
    expect(written).not.toContain('198001012005011001');
    expect(written).not.toContain('3578010101800001');
    expect(written).not.toContain('+6281234567890');
    expect(written).toContain('+62********890');
  });
});

describe('areas', () => {
  it('ships the 31 kecamatan and 153 kelurahan of Surabaya', () => {
    const rows = readAreaRows();
    expect(rows).toHaveLength(153);
    expect(new Set(rows.map((r) => r.kecamatanCode)).size).toBe(31);
    expect(rows.every((r) => /^35\.78\.\d{2}\.\d{4}$/.test(r.kelurahanCode))).toBe(true);
  });
});

describe('configuration', () => {
  it('has a working default for every variable', () => {
    const c = parseConfig({});
    expect(c.port).toBe(3000);
    expect(c.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(c.telegram.token).toBeUndefined();
  });

  it.each([
    ['PORT', 'eighty', /PORT="eighty": expected a whole number/],
    ['PORT', '70000', /PORT="70000"/],
    ['REDIS_URL', 'localhost:6379', /REDIS_URL=.*expected a URL starting with redis:/],
    [
      'DATABASE_URL',
      'mysql://root@127.0.0.1/peken',
      /DATABASE_URL=.*expected a URL starting with postgres: or postgresql:/,
    ],
    ['DEMO', 'maybe', /DEMO="maybe": expected 1\/0/],
    ['TELEGRAM_BOT_TOKEN', 'abc', /TELEGRAM_BOT_TOKEN="abc": expected a token/],
    ['TELEGRAM_WEBHOOK_URL', 'https://example.org/telegram/webhook', /TELEGRAM_WEBHOOK_SECRET: required/],
  ])('stops on a bad %s with the variable name and what is expected', (key, value, message) => {
    expect(() => parseConfig({ [key]: value })).toThrow(ConfigError);
    expect(() => parseConfig({ [key]: value })).toThrow(message);
  });
});
