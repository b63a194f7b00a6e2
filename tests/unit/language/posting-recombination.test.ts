import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePosting } from '../../../src/language/index.js';
import { loadPosts, wrongValues } from './corpus/score.js';

/**
 * Posts from the corpus put together in random order with the separators people use. Whatever the
 * parser makes of the result, no price, stock or size may end up on a product that does not have it:
 * "Tepung 12rb stok 4. Kecap 9rb" must never give kecap the 4. (A missing value is allowed; a wrong one
 * is not.)
 */
const whole = loadPosts().filter((p) => p.expect.unreadable === 0 && p.expect.items.length > 0);
// A post with a header or several lines is kept apart by a blank line, which ends what its header says.
const separatorsFor = (text: string): string[] =>
  /[:\n]/.test(text) ? ['\n\n'] : ['. ', ', ', '\n', '; ', '\n\n', '. \n'];

describe('recombined posts', () => {
  it('never attach a value to another product', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(whole.length - 1), fc.nat(5)), { minLength: 2, maxLength: 6 }), (picks) => {
        let text = '';
        const expected = [];
        const names = new Set<string>();
        for (const [index, sep] of picks) {
          const post = whole[index]!;
          // One product twice in a text cannot be told apart when checking; a shop posts it once.
          if (post.expect.items.some((i) => names.has(i.name))) continue;
          for (const i of post.expect.items) names.add(i.name);
          if (text !== '') {
            const options = /[:\n]/.test(text) ? ['\n\n'] : separatorsFor(post.text);
            text += options[sep % options.length];
          }
          text += post.text;
          expected.push(...post.expect.items);
        }
        const got = parsePosting(text).items;
        expect(wrongValues(got, expected), text).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });
});
