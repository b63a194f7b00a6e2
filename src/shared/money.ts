const idr = new Intl.NumberFormat('id-ID', { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 });

/** `Rp 30.000.000` with an ordinary space, as people type it (Intl puts a no-break space after "Rp"). */
export function formatRupiah(amount: number): string {
  return idr.format(amount).replace(/\u00a0/g, ' ');
}

/** Whole rupiah only: money never goes through floating-point fractions in this code. */
export function isRupiah(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}
