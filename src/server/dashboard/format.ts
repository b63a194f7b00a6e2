import { formatRupiah } from '../../shared/money.js';

export const rp = formatRupiah;
export const num = (n: number): string => n.toLocaleString('id-ID');
export const pct = (part: number, whole: number): string =>
  whole > 0 ? `${((part * 100) / whole).toLocaleString('id-ID', { maximumFractionDigits: 1 })}%` : '–';

/** Indonesian names of the order states, as the dashboard shows them. */
export const STATUS_LABEL: Record<string, string> = {
  submitted: 'diajukan',
  reserved: 'menunggu toko',
  accepted: 'diterima',
  delivered: 'dikirim',
  completed: 'selesai',
  refused: 'ditolak sistem',
  rejected: 'ditolak toko',
  cancelled: 'dibatalkan',
  expired: 'kedaluwarsa',
};
export const SHOP_STATUS_LABEL: Record<string, string> = {
  pending: 'menunggu verifikasi',
  active: 'aktif',
  suspended: 'dibekukan',
};

/** ISO time to `dd/mm/yyyy hh.mm` in Jakarta time. */
export function wib(iso: string | null | undefined): string {
  if (!iso) return '–';
  return new Date(iso).toLocaleString('id-ID', { timeZone: 'Asia/Jakarta', dateStyle: 'short', timeStyle: 'short' });
}
