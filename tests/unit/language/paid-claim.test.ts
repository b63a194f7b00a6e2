import { describe, expect, it } from 'vitest';
import { parsePaidClaim } from '../../../src/language/paid-claim.js';

describe('parsePaidClaim', () => {
  it.each([
    ['sudah bayar', null],
    ['Sudah bayar ya bu 🙏', null],
    ['udah transfer', 'transfer'],
    ['udh tf kak', 'transfer'],
    ['sdh bayar pakai QRIS', 'qris'],
    ['sampun bayar nggih', null],
    ['wes bayar tunai', 'cash'],
    ['sudah lunas', null],
    ['lunas bu', null],
    ['sudaaah bayaaar', null],
    ['barusan transfer ke bank', 'transfer'],
    ['saya sudah bayar pesanan ini', null],
  ])('%s is a claim (method %s)', (text, method) => {
    expect(parsePaidClaim(text)).toEqual({ method, code: null });
  });

  it('reads an order code typed with the claim', () => {
    expect(parsePaidClaim('sudah bayar PK-7KX2QM')).toEqual({ method: null, code: 'PK-7KX2QM' });
    expect(parsePaidClaim('pk7kx2qm udah tf')).toEqual({ method: 'transfer', code: 'PK-7KX2QM' });
  });

  it.each([
    'belum bayar',
    'blm tf',
    'sudah bayar tapi kurang',
    'bayar',
    'sudah',
    'mau bayar',
    'bayar pakai apa?',
    'sudah bayar? ',
    'sudah bayar transfer dan tunai',
    'halo bu',
    '',
    'gimana cara bayar',
    'bayar nanti',
  ])('%j is not a claim', (text) => {
    expect(parsePaidClaim(text)).toBeNull();
  });
});
