import { describe, expect, it } from 'vitest';
import { parseShopHours } from '../../../src/language/parse-shop-hours.js';

describe('parseShopHours', () => {
  it.each([
    ['tutup', { kind: 'close' }],
    ['Tutup dulu ya bu', { kind: 'close' }],
    ['toko tutup', { kind: 'close' }],
    ['BUKA', { kind: 'open' }],
    ['buka lagi', { kind: 'open' }],
    ['tutup sampai besok', { kind: 'close_until_tomorrow' }],
    ['tutup sampe besok pagi', { kind: 'close_until_tomorrow' }],
    ['libur tanggal 17', { kind: 'holiday', day: 17 }],
    ['tutup tgl 1', { kind: 'holiday', day: 1 }],
    ['prei tanggal 17', { kind: 'holiday', day: 17 }],
    ['libur besok', { kind: 'holiday_relative', days: 1 }],
    ['libur hari ini', { kind: 'holiday_relative', days: 0 }],
    ['buka jam 7', { kind: 'hours', open: '07:00' }],
    ['buka jam 06.30', { kind: 'hours', open: '06:30' }],
    ['tutup jam 8 malam', { kind: 'hours', close: '20:00' }],
    ['tutup jam 20', { kind: 'hours', close: '20:00' }],
    ['buka jam 7 sampai jam 20', { kind: 'hours', open: '07:00', close: '20:00' }],
    ['jam buka 07.00-20.00', { kind: 'hours', open: '07:00', close: '20:00' }],
    ['buka jam 6 pagi sampai jam 9 malam', { kind: 'hours', open: '06:00', close: '21:00' }],
  ])('reads %j', (text, expected) => {
    expect(parseShopHours(text)).toEqual(expected);
  });

  it.each([
    'buka jam 25',
    'libur tanggal 32',
    'tutup jam 7.75',
    'beras 5kg 65rb',
    'tutupnya kapan?',
    'buka?',
    'tidak tutup',
    'minyak buka segel',
    'libur',
    '',
  ])('leaves %j alone', (text) => {
    expect(parseShopHours(text)).toBeNull();
  });
});
