/**
 * Street amounts from Hokkien via Betawi and Surabaya's Chinese-Indonesian traders: a digit prefix and
 * a base, "go" (5) + "ceng" (1,000) = goceng, "no" (2) + "ban" (10,000) = noban, written joined or apart
 * ("go ceng"). Read by composition; a word that does not split into one prefix and one base is not an
 * amount.
 */
const DIGITS: ReadonlyMap<string, number> = new Map(
  Object.entries({
    ce: 1,
    se: 1,
    no: 2,
    ji: 2,
    sam: 3,
    si: 4,
    go: 5,
    lak: 6,
    cit: 7,
    pek: 8,
    kau: 9,
  }),
);
/**
 * Which digits each base takes. Kept narrow on purpose: "lakban" is duct tape, "sampek" is Javanese for
 * "until" and "saban" for "every", and none of them may become a price.
 */
const BASES: ReadonlyMap<string, { size: number; digits: ReadonlySet<string> }> = new Map([
  ['pek', { size: 100, digits: new Set(['ce', 'no', 'go']) }],
  ['ceng', { size: 1_000, digits: new Set(['ce', 'se', 'no', 'ji', 'sam', 'si', 'go', 'lak', 'cit', 'pek', 'kau']) }],
  ['ban', { size: 10_000, digits: new Set(['ce', 'no', 'ji', 'go']) }],
]);

/** Other words for a round amount, one each. */
const ROUND: ReadonlyMap<string, number> = new Map([['ceceng', 1_000]]);

/** The amount of one slang word ("goceng") or of two written apart ("go", "ceng"), else null. */
export function slangAmount(word: string, next?: string): { value: number; words: 1 | 2 } | null {
  const round = ROUND.get(word);
  if (round !== undefined) return { value: round, words: 1 };
  for (const [base, { size, digits }] of BASES) {
    const prefix = word.slice(0, -base.length);
    if (word.endsWith(base) && digits.has(prefix))
      return { value: (DIGITS.get(prefix) ?? Number.NaN) * size, words: 1 };
  }
  const base = next === undefined ? undefined : BASES.get(next);
  if (base !== undefined && base.digits.has(word))
    return { value: (DIGITS.get(word) ?? Number.NaN) * base.size, words: 2 };
  return null;
}
