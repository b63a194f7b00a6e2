import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecision, parseReply } from '../../../src/language/index.js';

/**
 * The rule that matters most in a reply to a new order: a text with a negation or a "we are out / closed"
 * in it is never a yes, wherever the word stands and whatever surrounds it (assent words, notes, polite
 * particles, emoji). The order would otherwise be taken by a shop that said it cannot serve it.
 */
const AROUND = [
  'iya',
  'ya',
  'nggih',
  'nggeh',
  'injih',
  'iyo',
  'yo',
  'wis',
  'sampun',
  'ok',
  'oke',
  'siap',
  'gas',
  'monggo',
  'sip',
  'bisa',
  'mau',
  'terima',
  'kasih',
  'matur',
  'nuwun',
  'bu',
  'pak',
  'mas',
  'mbak',
  'rek',
  'kak',
  'deh',
  'dong',
  'kirim',
  'sore',
  'habis',
  'maghrib',
  'jam',
  '4',
  '1',
  '2',
  '👍',
  '✅',
  '🙏',
  'beras',
  'hari',
  'ini',
  'besok',
  'dulu',
  'usah',
  'jadi',
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
  'orak',
  'mboten',
  'belum',
  'blm',
  'durung',
  'dereng',
  'jangan',
  'emoh',
  'moh',
  'tolak',
  'sanes',
  'no',
  '👎',
  '❌',
];
const OUT = ['entek', 'telas', 'kosong', 'tutup', 'libur'];

const separator = fc.constantFrom(' ', '  ', ', ', '. ', '! ', '\n', '...');
const word = fc.oneof(fc.constantFrom(...AROUND), fc.string({ maxLength: 5 }));
const chatLike = fc
  .array(fc.tuple(word, separator), { maxLength: 7 })
  .map((parts) => parts.map(([w, s]) => w + s).join(''));
const withWord = (list: readonly string[]) =>
  fc.tuple(chatLike, fc.constantFrom(...list), chatLike, fc.boolean()).map(([before, w, after, upper]) => {
    const text = `${before} ${w} ${after}`;
    return upper ? text.toUpperCase() : text;
  });

describe('order decision properties', () => {
  it('never reads a reply with a negation in it as yes', () => {
    fc.assert(
      fc.property(withWord(NEGATIONS), (text) => {
        expect(parseDecision(text)).not.toMatchObject({ kind: 'yes' });
        expect(parseReply(text, 'yes_no')).not.toEqual({ kind: 'yes' });
      }),
      { numRuns: 5000 },
    );
  });

  it('never reads a reply saying the shop is out or closed as yes', () => {
    fc.assert(
      fc.property(withWord(OUT), (text) => {
        expect(parseDecision(text)).not.toMatchObject({ kind: 'yes' });
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws, and keeps a reason or note only as written', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 120 }), chatLike), (text) => {
        const d = parseDecision(text);
        if (d !== 'unclear' && d.kind === 'no' && d.reason !== null) expect(text).toContain(d.reason);
        if (d !== 'unclear' && d.kind === 'yes' && d.note !== null) expect(text).toContain(d.note);
      }),
      { numRuns: 3000 },
    );
  });

  it.each(["1'; DROP TABLE orders; --", '1 kirim besok', '1 beras', '1 2'])(
    'reads the menu digit 1 as yes only on its own, not in %j',
    (text) => {
      expect(parseDecision(text)).not.toMatchObject({ kind: 'yes' });
    },
  );
});
