import { describe, expect, it } from 'vitest';
import { parseBuyerText } from '../../../src/language/index.js';
import { scoreBuyerPhrases, split } from './corpus/score.js';

/**
 * The labelled corpus of what buyers type while shopping (tests/language/corpus/buyer-phrases.jsonl):
 * adding with counts and sizes, removing, changing, ordering the same again, greetings. A quarter
 * ("held": true) was never used for tuning.
 */
const results = scoreBuyerPhrases(parseBuyerText);
const summary = split(results);

describe('buyer phrase corpus', () => {
  it('has at least 150 labelled phrases', () => {
    expect(summary.all.cases).toBeGreaterThanOrEqual(150);
  });

  it('reads at least 95 % of them exactly, on the tuned and on the held-out part', () => {
    console.info(
      `buyer_phrase_exact dev ${summary.dev.exact}/${summary.dev.cases}, held-out ${summary.held.exact}/${summary.held.cases}`,
    );
    const misses = results
      .filter((r) => !r.exact)
      .map((r) => `${r.id} ${JSON.stringify(r.text)} -> ${JSON.stringify(r.got)}`);
    expect(summary.dev.rate, misses.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(summary.held.rate, misses.join('\n')).toBeGreaterThanOrEqual(0.95);
  });

  it('never acts on a request the buyer did not make', () => {
    expect(results.flatMap((r) => r.wrong.map((w) => `${r.id} ${JSON.stringify(r.text)}: ${w}`))).toEqual([]);
  });
});
