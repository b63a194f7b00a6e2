/** NIP (civil servant number): 18 digits; its first 8 are a birth date (YYYYMMDD). */
export function isValidNip(nip: string): boolean {
  if (!/^\d{18}$/.test(nip)) return false;
  const y = Number(nip.slice(0, 4));
  const m = Number(nip.slice(4, 6));
  const d = Number(nip.slice(6, 8));
  return y >= 1940 && y <= 2015 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/** NIK (national identity number): 16 digits, starting with a province code (11–94). */
export function isValidNik(nik: string): boolean {
  if (!/^\d{16}$/.test(nik)) return false;
  const province = Number(nik.slice(0, 2));
  return province >= 11 && province <= 94;
}
