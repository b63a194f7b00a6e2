import { describe, expect, expectTypeOf, it } from 'vitest';
import { parseReply } from '../../../src/language/index.js';
import type { ChoiceAnswer, YesNoAnswer } from '../../../src/language/index.js';

describe('parseReply to a yes/no question', () => {
  it.each([
    'ya',
    'Ya',
    'YA',
    'iya',
    'iyaa',
    'iyaaaa',
    'y',
    'yy',
    'yes',
    'ok',
    'OK',
    'okk',
    'oke',
    'okey',
    'okay',
    'sip',
    'sipp',
    'siap',
    'betul',
    'benar',
    'bener',
    'boleh',
    'setuju',
    'mau',
    'nggih',
    'Nggih',
    'inggih',
    'iyo',
    'yo',
    "he'eh",
    'he’eh',
    'hooh',
    'sampun',
    'wis',
    'uwis',
    'sudah',
    'udah',
    'terima',
    '👍',
    '👍🏽',
    '✅',
    '1',
    '1️⃣',
    '１',
    ' iya ',
    'iya.',
    'iya!!!',
    'ok,',
  ])('reads %j as yes', (text) => {
    expect(parseReply(text, 'yes_no')).toEqual({ kind: 'yes' });
  });

  it.each([
    'tidak',
    'Tidak.',
    'tdk',
    'gak',
    'gakkk',
    'ga',
    'nggak',
    'ngga',
    'enggak',
    'engga',
    'gk',
    'no',
    'n',
    'jangan',
    'mboten',
    'ora',
    'emoh',
    'durung',
    'belum',
    'blm',
    'tolak',
    '👎',
    '❌',
    '2',
    '2️⃣',
    '２',
  ])('reads %j as no', (text) => {
    expect(parseReply(text, 'yes_no')).toEqual({ kind: 'no' });
  });

  it.each([
    'iya bu',
    'nggih pak',
    'sampun mas',
    'ya kak',
    'oke deh',
    'siap laksanakan',
    'iya mbak 🙏',
    'ya, terima kasih',
    'nggih matur nuwun',
    'iya makasih bu',
    'boleh dong',
    'mau aja',
    'ok min',
    'sip gan',
    'siap juragan',
    'ya ya',
    'iya iya bu',
    'yo wis',
    'nggih, suwun',
  ])('reads a yes followed only by address words or particles, %j, as yes', (text) => {
    expect(parseReply(text, 'yes_no')).toEqual({ kind: 'yes' });
  });

  it.each([
    'tidak mau',
    'gak mau',
    'ora gelem',
    'nggak usah',
    'tidak setuju',
    'belum bisa',
    'gak jadi',
    'tidak, terima kasih',
    'mboten bu',
    'ga usah pak',
    'jangan mas',
  ])('reads a refusal %j as no', (text) => {
    expect(parseReply(text, 'yes_no')).toEqual({ kind: 'no' });
  });

  it.each([
    ['yes and no together', 'iya tapi gak jadi'],
    ['yes and no together', 'ya gak tau'],
    ['yes and no together', 'iya gak'],
    ['yes and no together', 'oke tidak'],
    ['yes and a refusal together', 'iya gak mau'],
    ['yes and no emoji together', '👍 👎'],
    ['both digits', '1 2'],
    ['a question', 'gak ya?'],
    ['a question', 'iya?'],
    ['a question', 'oke gak?'],
    ['a question', 'mau？'],
    ['a hedged negation', 'belum tentu'],
    ['"it is fine"', 'ga papa'],
    ['"it is fine"', 'gpp'],
    ['"it is fine"', 'tidak apa-apa'],
    ['"it is fine"', 'nggak masalah'],
    ['the global cancel word', 'batal'],
    ['an unknown word', 'iya besok'],
    ['an unknown word', 'siap tapi'],
    ['an unknown word', 'mungkin'],
    ['an unknown word', 'halo bu'],
    ['thanks alone', 'terima kasih'],
    ['thanks alone', 'matur nuwun'],
    ['address words alone', 'bu'],
    ['an unknown emoji', 'iya 😂'],
    ['a menu number other than 1 or 2', '3'],
    ['nothing', ''],
    ['nothing', '   '],
    ['punctuation only', '...'],
  ])('leaves %s unclear: %j', (_why, text) => {
    expect(parseReply(text, 'yes_no')).toBe('unclear');
  });
});

describe('parseReply to a numbered menu', () => {
  it.each([
    ['2', 2],
    [' 2 ', 2],
    ['2.', 2],
    ['2)', 2],
    ['no 2', 2],
    ['no. 2', 2],
    ['no.2', 2],
    ['nomor 2', 2],
    ['nomer 2', 2],
    ['Nomer 3 bu', 3],
    ['pilih 3', 3],
    ['yg ke 2', 2],
    ['yang kedua', 2],
    ['ke-2', 2],
    ['ke2', 2],
    ['kedua', 2],
    ['ketiga', 3],
    ['pertama', 1],
    ['keempat', 4],
    ['kelima', 5],
    ['1️⃣', 1],
    ['2️⃣', 2],
    ['5️⃣', 5],
    ['🔟', 10],
    ['２', 2],
    ['１０', 10],
    ['10', 10],
    ['satu', 1],
    ['siji', 1],
    ['setunggal', 1],
    ['dua', 2],
    ['loro', 2],
    ['kalih', 2],
    ['tiga', 3],
    ['telu', 3],
    ['tigo', 3],
    ['empat', 4],
    ['papat', 4],
    ['sekawan', 4],
    ['lima', 5],
    ['limo', 5],
    ['gangsal', 5],
    ['enam', 6],
    ['enem', 6],
    ['tujuh', 7],
    ['pitu', 7],
    ['delapan', 8],
    ['wolu', 8],
    ['sembilan', 9],
    ['songo', 9],
    ['sepuluh', 10],
    ['nggih 2 pak', 2],
    ['2 aja', 2],
    ['2 2', 2],
    ['yang 2 yang kedua', 2],
    ['duaa', 2],
  ])('reads %j as option %i of 10', (text, index) => {
    expect(parseReply(text, 10)).toEqual({ kind: 'choice', index });
  });

  it.each([
    ['out of range', '4'],
    ['out of range', '0'],
    ['out of range', 'kelima'],
    ['out of range', '4️⃣'],
    ['two different numbers', '1 atau 2'],
    ['two different numbers', '1 2'],
    ['two different numbers', '1,2'],
    ['two different numbers', 'satu dua'],
    ['a fraction, which is two numbers', '1/2'],
    ['a question', '2?'],
    ['no number', 'iya'],
    ['no number', 'yang murah'],
    ['an unknown word', '2 tapi besok'],
    ['an unknown word', 'dua-duanya'],
    ['a decimal', '2.5'],
    ['nothing', ''],
  ])('leaves %s unclear in a menu of 3: %j', (_why, text) => {
    expect(parseReply(text, 3)).toBe('unclear');
  });

  it.each([0, -1, 2.5, Number.NaN])('refuses a menu of %s options as a programming error', (size) => {
    expect(() => parseReply('1', size)).toThrow(RangeError);
  });

  it('narrows the answer type to the kind of question', () => {
    const yesNo = parseReply('iya', 'yes_no');
    const choice = parseReply('2', 5);
    expectTypeOf(yesNo).toEqualTypeOf<YesNoAnswer>();
    expectTypeOf(choice).toEqualTypeOf<ChoiceAnswer>();
    expect(yesNo).toEqual({ kind: 'yes' });
    expect(choice).toEqual({ kind: 'choice', index: 2 });
  });
});
