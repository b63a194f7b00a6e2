import { jakartaWallClock } from '../shared/jakarta-time.js';

const MONTHS = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];

/** An ISO instant as a document writes it in WIB: "3 Desember 2026 pukul 14.05 WIB". */
export function wibLong(iso: string): string {
  const d = jakartaWallClock(new Date(iso));
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${wibDate(iso)} pukul ${hh}.${mm} WIB`;
}

/** The WIB calendar date of an instant: "3 Desember 2026". */
export function wibDate(iso: string): string {
  const d = jakartaWallClock(new Date(iso));
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** A period 'YYYY-MM' as "November 2026". */
export function monthLong(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return `${MONTHS[m - 1] ?? period} ${y}`;
}
