const ONES = ['', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan', 'sepuluh', 'sebelas'];

function below1000(n: number): string {
  if (n < 12) return ONES[n]!;
  if (n < 20) return `${ONES[n - 10]} belas`;
  if (n < 100) return `${ONES[Math.floor(n / 10)]} puluh ${ONES[n % 10]}`.trim();
  if (n < 200) return `seratus ${below1000(n - 100)}`.trim();
  return `${ONES[Math.floor(n / 100)]} ratus ${below1000(n % 100)}`.trim();
}

const SCALES: ReadonlyArray<[number, string]> = [
  [1e12, 'triliun'],
  [1e9, 'miliar'],
  [1e6, 'juta'],
  [1e3, 'ribu'],
];

/**
 * Whole rupiah in Indonesian words, as a kuitansi writes the amount a second time ("terbilang") so that
 * the figure cannot be altered: 1.250.000 → "satu juta dua ratus lima puluh ribu rupiah".
 */
export function terbilang(amount: number): string {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`not whole rupiah: ${amount}`);
  if (amount === 0) return 'nol rupiah';
  const parts: string[] = [];
  let rest = amount;
  for (const [size, word] of SCALES) {
    const n = Math.floor(rest / size);
    rest %= size;
    // 1000 is "seribu", not "satu ribu"; 1,000,000 stays "satu juta".
    if (n > 0) parts.push(n === 1 && size === 1e3 ? 'seribu' : `${terbilangBelowTrillion(n)} ${word}`);
  }
  if (rest > 0) parts.push(below1000(rest));
  return `${parts.join(' ')} rupiah`;
}

// Scales repeat inside a group above a trillion (1,000 triliun); below that each group is under 1000.
function terbilangBelowTrillion(n: number): string {
  return n < 1000 ? below1000(n) : terbilang(n).replace(/ rupiah$/, '');
}
