/**
 * The Gini coefficient of a distribution (0 = everyone equal, 1 = one takes all). Shops with zero revenue
 * count: a listing that starves shops must show up here.
 */
export function gini(values: readonly number[]): number {
  const n = values.length;
  if (n === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const total = sorted.reduce((s, v) => s + v, 0);
  if (total === 0) return 0;
  // Σ (2i - n - 1) x_i / (n Σ x), with i from 1 on the ascending order.
  let weighted = 0;
  sorted.forEach((v, i) => (weighted += (2 * (i + 1) - n - 1) * v));
  return weighted / (n * total);
}

/**
 * The Lorenz curve of the same distribution: from (0, 0) to (1, 1), one point per value on the ascending
 * order, x the share of the population and y the share of the total held by it. All zeros: the diagonal.
 */
export function lorenz(values: readonly number[]): [x: number, y: number][] {
  const n = values.length;
  const sorted = [...values].sort((a, b) => a - b);
  const total = sorted.reduce((s, v) => s + v, 0);
  const points: [number, number][] = [[0, 0]];
  let cum = 0;
  sorted.forEach((v, i) => {
    cum += v;
    points.push([(i + 1) / n, total === 0 ? (i + 1) / n : cum / total]);
  });
  return points;
}
