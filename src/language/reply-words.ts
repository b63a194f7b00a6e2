/**
 * Vocabularies for short chat replies, kept in squeezed form ("iyaaa" and "iya" look the same).
 * A word missing from every list makes a reply unclear, so extending a list is how to teach the
 * parser a new word; nothing is guessed from spelling.
 */
import { squeezeRepeats } from './normalize-text.js';

function squeezedSet(words: readonly string[]): ReadonlySet<string> {
  return new Set(words.map(squeezeRepeats));
}

export const YES_WORDS = squeezedSet([
  'ya', 'iya', 'y', 'yes', 'ok', 'oke', 'okey', 'okay', 'okeh', 'sip', 'siap', 'betul', 'benar', 'bener',
  'boleh', 'setuju', 'mau', 'nggih', 'inggih', 'iyo', 'yo', "he'eh", 'hooh', 'sampun', 'wis', 'uwis',
  'sudah', 'udah', 'sdh', 'terima', 'gelem', 'purun',
]);

export const NO_WORDS = squeezedSet([
  'tidak', 'tdk', 'gak', 'ga', 'nggak', 'ngga', 'enggak', 'engga', 'gk', 'ndak', 'nda', 'no', 'n',
  'jangan', 'mboten', 'ora', 'emoh', 'durung', 'belum', 'blm', 'tolak',
]);

/** Words that turn the next word into a refusal: "tidak mau", "ora gelem", "gak usah". */
export const NEGATORS = squeezedSet([
  'tidak', 'tdk', 'gak', 'ga', 'nggak', 'ngga', 'enggak', 'engga', 'gk', 'ndak', 'nda', 'ora', 'mboten',
  'belum', 'blm', 'durung', 'jangan',
]);

/**
 * What a negator may govern and still read as a plain "no". Anything else after a negator ("gak ya",
 * "belum tentu", "ga papa") is left to the general rule and comes out unclear.
 */
export const NEGATABLE = squeezedSet([
  'mau', 'setuju', 'boleh', 'terima', 'gelem', 'purun', 'usah', 'jadi', 'bisa', 'perlu',
]);

/** Forms of address, softening particles and thanks: they never change the answer. */
export const PARTICLES = squeezedSet([
  'bu', 'ibu', 'pak', 'bapak', 'mas', 'mbak', 'mbk', 'kak', 'dik', 'de', 'cak', 'deh', 'dong', 'kok',
  'sih', 'aja', 'saja', 'lah', 'min', 'gan', 'juragan', 'makasih', 'terimakasih', 'suwun', 'nuwun',
  'trims', 'thanks', 'laksanakan',
]);

/** Two-word thanks, read before single words so that "terima" in "terima kasih" is not a yes. */
export const PARTICLE_PAIRS: readonly (readonly [string, string])[] = [
  ['terima', 'kasih'],
  ['matur', 'nuwun'],
  ['matur', 'suwun'],
];

/** Words that may surround a menu number: "no 2", "pilih 3", "yang kedua", "nggih 2 bu". */
export const MENU_FILLERS = squeezedSet([
  'no', 'nomor', 'nomer', 'nmr', 'pilih', 'pilihan', 'opsi', 'angka', 'yg', 'yang', 'sing', 'ke', 'mau',
  'ambil', 'itu', 'ya', 'iya', 'nggih', 'ok', 'oke',
]);
