import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePosting, parseReply } from '../../../src/index.js';

/**
 * Properties over generated input. Tables pin what a reply means; these pin what must hold for anything
 * a person could type: the parsers never throw, and a text with a negation in it is never read as "yes"
 * (the worst outcome: an order accepted that the shopkeeper refused).
 */

// Words people type around their answers, mixed with negations, so that generated texts look like chat.
const WORDS = [
  'iya',
  'ya',
  'nggih',
  'sampun',
  'ok',
  'oke',
  'sip',
  'mau',
  'boleh',
  'terima',
  'kasih',
  'bu',
  'pak',
  'mas',
  'deh',
  'dong',
  '1',
  '2',
  '👍',
  '✅',
  'beras',
  '65rb',
  'tapi',
  'jadi',
  'usah',
  'bisa',
  'kok',
  'lho',
];
const NEGATIONS = [
  'tidak',
  'tdk',
  'gak',
  'ga',
  'nggak',
  'enggak',
  'gk',
  'ndak',
  'ora',
  'mboten',
  'belum',
  'blm',
  'durung',
  'jangan',
  'emoh',
  'tolak',
  'no',
  '👎',
  '❌',
];

const separator = fc.constantFrom(' ', '  ', ', ', '. ', '! ', '\n', '...');
const word = fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 6 }));
const chatLike = fc
  .array(fc.tuple(word, separator), { maxLength: 8 })
  .map((parts) => parts.map(([w, s]) => w + s).join(''));

/** A chat-like text with one negation placed anywhere among its words, in any letter case. */
const withNegation = fc
  .tuple(chatLike, fc.constantFrom(...NEGATIONS), chatLike, fc.boolean())
  .map(([before, negation, after, upper]) => {
    const text = `${before} ${negation} ${after}`;
    return upper ? text.toUpperCase() : text;
  });

describe('parser properties', () => {
  it('parseReply never throws and answers only within its menu', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 50 }), chatLike),
        fc.integer({ min: 1, max: 20 }),
        (text, size) => {
          const yesNo = parseReply(text, 'yes_no');
          expect(yesNo === 'unclear' || yesNo.kind === 'yes' || yesNo.kind === 'no').toBe(true);
          const choice = parseReply(text, size);
          if (choice !== 'unclear') {
            expect(choice.index).toBeGreaterThanOrEqual(1);
            expect(choice.index).toBeLessThanOrEqual(size);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('parseReply never answers yes to a text that contains a negation', () => {
    fc.assert(
      fc.property(withNegation, (text) => {
        expect(parseReply(text, 'yes_no')).not.toEqual({ kind: 'yes' });
      }),
      { numRuns: 5000 },
    );
  });

  it('parsePosting never throws, and every item it returns has a name and sane numbers', () => {
    const postingLike = fc
      .tuple(
        fc.array(
          fc.tuple(
            fc.constantFrom('beras', 'telor', 'minyk', 'gula', 'sabun', 'indomie'),
            fc.constantFrom('', ' 5kg', ' 1/2 kg', ' sekilo', ' 2 ltr', ' 10 bks'),
            fc.constantFrom(' 65rb', ' 15,7rb', ' goceng', ' 28', ' Rp65.000,-', ' 1,2jt', ' harga tanya', ''),
            fc.constantFrom('', ' stok 10', ' habis', ' sisa 3'),
          ),
          { maxLength: 6 },
        ),
        fc.constantFrom('\n', ', ', ' dan '),
      )
      .map(([items, joiner]) => items.map((i) => i.join('')).join(joiner));
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 80 }), postingLike),
        (text) => {
          const result = parsePosting(text);
          for (const item of result.items) {
            expect(item.name.trim().length).toBeGreaterThan(0);
            if (item.price !== null) {
              expect(Number.isInteger(item.price)).toBe(true);
              expect(item.price).toBeGreaterThan(0);
            }
            if (item.stock !== null) expect(item.stock).toBeGreaterThanOrEqual(0);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
