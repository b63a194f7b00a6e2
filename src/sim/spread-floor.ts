import { kecamatanOf } from '../areas/area-policy.js';
import { gini } from '../shared/gini.js';

/**
 * Issue 20: the Gini that would remain if every shop earned its kecamatan's mean revenue, so that only the
 * differences between kecamatan are left. Under the area policy `kecamatan` a listing orders the shops of one
 * kecamatan and moves no money between kecamatan, so this is the part of the Gini no listing policy or nudge
 * can lower: it comes from how many buyers (and how much of their quota) live near how many shops.
 */
export function giniBetweenKecamatan(shops: readonly { kelurahanCode: string; revenue: number }[]): number {
  const sums = new Map<string, { total: number; n: number }>();
  for (const s of shops) {
    const k = kecamatanOf(s.kelurahanCode);
    const acc = sums.get(k) ?? { total: 0, n: 0 };
    acc.total += s.revenue;
    acc.n += 1;
    sums.set(k, acc);
  }
  return gini(
    shops.map((s) => {
      const acc = sums.get(kecamatanOf(s.kelurahanCode))!;
      return acc.total / acc.n;
    }),
  );
}
