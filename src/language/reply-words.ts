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
  'boleh', 'setuju', 'mau', 'nggih', 'inggih', 'iyo', 'yo', "he'eh", "he'em", 'hooh', 'hoh', 'sampun', 'wis', 'uwis',
  'sudah', 'udah', 'sdh', 'terima', 'gelem', 'purun',
  // Javanese and Suroboyoan spellings, and chat assent ("gas" = go ahead)
  'nggeh', 'ngge', 'ngeh', 'injih', 'enggih', 'enggeh', 'ngih', 'yoi', 'yowis', 'yaudah', 'yasudah', 'monggo',
  'mangga', 'siyap', 'gas', 'gaskeun', 'gaskan', 'okee', 'okey', 'oks', 'acc', 'lanjut', 'lanjutkan', 'bisa',
  'leres', 'cocok', 'mantap', 'mantab', 'setuju', 'sanggup', 'saged',
]);

/** "wis", "sudah", "sampun": yes alone, but in "wis entek" they only say the shop ran out already. */
export const ASPECT_WORDS = squeezedSet(['wis', 'uwis', 'sudah', 'udah', 'sdh', 'sampun', 'lagi', 'lg', 'masih', 'taksih', 'isih']);

export const NO_WORDS = squeezedSet([
  'tidak', 'tdk', 'gak', 'ga', 'nggak', 'ngga', 'enggak', 'engga', 'gk', 'ndak', 'nda', 'no', 'n',
  'jangan', 'mboten', 'ora', 'emoh', 'durung', 'belum', 'blm', 'tolak',
  'orak', 'dak', 'moh', 'sanes', 'dereng', 'salah', 'batalkan', 'tolaken', 'nope',
]);

/** Words that turn the next word into a refusal: "tidak mau", "ora gelem", "gak usah". */
export const NEGATORS = squeezedSet([
  'tidak', 'tdk', 'gak', 'ga', 'nggak', 'ngga', 'enggak', 'engga', 'gk', 'ndak', 'nda', 'ora', 'mboten',
  'belum', 'blm', 'durung', 'jangan', 'orak', 'dak', 'sanes', 'dereng',
]);

/**
 * "mboten nggih", "gak ya kak", "ga yo": after a no, these soften it and are not a yes. Before a no
 * ("nggih mboten") they still count as yes, and the mix is unclear.
 */
export const TAGS = squeezedSet(['ya', 'yah', 'yo', 'nggih', 'ngih', 'nggeh']);

/**
 * What after a negator makes it no refusal at all: "ga papa", "ora popo", "tidak apa-apa", "nggak
 * masalah" (it's fine), "belum tentu", "gak tau" (don't know). Such a reply is unclear.
 */
export const HEDGES = squeezedSet(['papa', 'apa', 'popo', 'opo', 'masalah', 'tentu', 'tau', 'tahu', 'ngerti', 'yakin', 'pasti', 'napa', 'ngapa', 'kenapa']);

/** A shop that cannot serve the order says why: out of stock, closed, away. Only in a reply to an order. */
export const UNAVAILABLE = squeezedSet([
  'habis', 'abis', 'hbs', 'entek', 'telas', 'kosong', 'ksg', 'tutup', 'libur', 'prei', 'sakit', 'soldout',
]);

/** "habis maghrib" is "after maghrib": a time, not "sold out". */
export const AFTER_WHAT = squeezedSet([
  'maghrib', 'magrib', 'isya', 'isyak', 'subuh', 'dzuhur', 'zuhur', 'duhur', 'luhur', 'ashar', 'asar', 'sholat',
  'solat', 'jumatan', 'makan', 'jam', 'ini', 'kerja', 'pulang', 'ngaji', 'tarawih', 'taraweh', 'buka',
]);

/** Apologies that soften a refusal; alone they are not an answer. */
export const APOLOGIES = squeezedSet(['maaf', 'mohon', 'ngapunten', 'sorry', 'sori', 'punten', 'nyuwun', 'pangapunten']);

/** Words that make a note or a reason a question or a condition: the reply is then unclear. */
export const DOUBTS = squeezedSet([
  'tapi', 'tp', 'tpi', 'namun', 'kalau', 'kalo', 'klo', 'nek', 'asal', 'asalkan', 'berapa', 'brp', 'apa', 'kapan',
  'dimana', 'mana', 'gimana', 'bagaimana', 'kenapa', 'siapa', 'opo', 'piro', 'pinten', 'endi', 'pundi', 'pripun',
  'mungkin', 'kayaknya', 'coba', 'cek', 'sek', 'bentar', 'sebentar', 'tunggu', 'nanti', 'ntar',
]);

/**
 * What a negator may govern and still read as a plain "no". Anything else after a negator ("gak ya",
 * "belum tentu", "ga papa") is left to the general rule and comes out unclear.
 */
export const NEGATABLE = squeezedSet([
  'mau', 'setuju', 'boleh', 'terima', 'gelem', 'purun', 'usah', 'jadi', 'bisa', 'perlu',
  'iso', 'isa', 'saged', 'sido', 'sios', 'dulu', 'dolo', 'pareng', 'kenek', 'kena',
]);

/** Forms of address, softening particles and thanks: they never change the answer. */
export const PARTICLES = squeezedSet([
  'bu', 'ibu', 'pak', 'bapak', 'mas', 'mbak', 'mbk', 'kak', 'dik', 'de', 'cak', 'deh', 'dong', 'kok',
  'sih', 'aja', 'saja', 'lah', 'min', 'gan', 'juragan', 'makasih', 'terimakasih', 'suwun', 'nuwun',
  'trims', 'thanks', 'laksanakan', 'bos', 'bosku', 'boss', 'rek', 'lur', 'ae', 'wae', 'mawon', 'kok', 'lho',
  'loh', 'kakak', 'mbk', 'ning', 'ndan', 'sist', 'sis', 'gan',
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
  'ambil', 'itu', 'ya', 'iya', 'nggih', 'ok', 'oke', 'ingkang', 'kaping', 'nomore', 'sing', 'seng',
]);
