import { describe, expect, it } from 'vitest';
import { parsePosting } from '../../../src/language/index.js';
import { scorePosts, split } from './corpus/score.js';

/**
 * The labelled corpus of posts (tests/language/corpus/posts.jsonl), written in the way Surabaya
 * shopkeepers post: Indonesian, Suroboyoan and krama, emoji, line breaks, typos. A quarter of the cases
 * ("held": true) were written with the rest and never used to tune the parser; both halves are reported.
 */
const results = scorePosts(parsePosting);
const summary = split(results);

describe('posting corpus', () => {
  it('has at least 400 labelled posts', () => {
    expect(summary.all.cases).toBeGreaterThanOrEqual(400);
  });

  it('reads at least 95 % of posts exactly, on the tuned and on the held-out part', () => {
    console.info(
      `posting_exact dev ${summary.dev.exact}/${summary.dev.cases}, held-out ${summary.held.exact}/${summary.held.cases}`,
    );
    const misses = results
      .filter((r) => !r.exact)
      .map((r) => `${r.id} ${JSON.stringify(r.text)} -> ${JSON.stringify(r.got)}`);
    expect(summary.dev.rate, misses.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(summary.held.rate, misses.join('\n')).toBeGreaterThanOrEqual(0.95);
  });

  it('never gives a product a value it does not have', () => {
    const wrong = results.flatMap((r) => r.wrong.map((w) => `${r.id} ${JSON.stringify(r.text)}: ${w}`));
    expect(wrong).toEqual([]);
  });
});
