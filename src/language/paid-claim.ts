/**
 * Reads a buyer's "I have paid" in informal Indonesian or Surabaya Javanese: "sudah bayar", "udah
 * transfer", "sampun bayar pakai qris", "lunas ya bu", "sdh tf PK-7KX2QM". Pure, no I/O.
 *
 * Strict by design, like parseReply: every word must be known, so "sudah bayar tapi kurang" or
 * "belum bayar" is not a claim (null) and the chat asks instead of recording a payment nobody made.
 */
import { foldText, squeezeRepeats } from './normalize-text.js';
import { PARTICLES } from './reply-words.js';

export type StatedMethod = 'qris' | 'transfer' | 'cash';

export interface PaidClaim {
  /** How the buyer said they paid, when they said it. */
  method: StatedMethod | null;
  /** An order code typed with it ("PK-7KX2QM"), upper case. */
  code: string | null;
}

const set = (words: string) => new Set(words.split(/\s+/).map(squeezeRepeats));

/** "Already": the claim needs one of these, or a word that says it by itself (lunas, dibayar). */
const DONE = set('sudah udah udh sdh sdah dah wis wes uwis sampun telah tlh barusan baru');
const PAY = set('bayar byr bayarnya dibayar kubayar transfer tf trf trnsfr transfr ditransfer ditf lunas dilunasi');
/** Words that claim payment on their own ("lunas", "dibayar", "ditransfer"). */
const DONE_BY_ITSELF = set('lunas dilunasi dibayar ditransfer ditf');
const METHOD: ReadonlyMap<string, StatedMethod> = new Map([
  ...[...set('transfer tf trf trnsfr transfr ditransfer ditf bank')].map((w) => [w, 'transfer'] as const),
  ...[...set('qris qr scan scan-qris')].map((w) => [w, 'qris'] as const),
  ...[...set('tunai cash kontan cod')].map((w) => [w, 'cash'] as const),
]);
/** Filler that may surround a claim: who, what, how, where to. */
const FILLER = set(
  'saya aku sy ku aq tadi ini nih ya yah iya nggih ok oke pesanan pesananku order orderan untuk utk buat pakai pake pakek pk via lewat dengan dgn ke ya uang uangnya duit duitnya nya kak juga jg semua semuanya sesuai nominal totalnya total kok',
);
const CODE = /\bpk[-\s]?([2-9a-z]{6})\b/;

/** The claim, or null when the text is not plainly "I have paid". */
export function parsePaidClaim(text: string): PaidClaim | null {
  let folded = foldText(text).slice(0, 300);
  // A question ("sudah bayar?") asks, it does not claim.
  if (folded.includes('?')) return null;
  const code = CODE.exec(folded);
  if (code) folded = folded.replace(code[0], ' ');
  const words = folded
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .split(/\s+/)
    .filter((w) => w !== '' && w !== '-')
    .map(squeezeRepeats);
  let done = false;
  let pay = false;
  const methods = new Set<StatedMethod>();
  for (const w of words) {
    const method = METHOD.get(w);
    if (method) methods.add(method);
    if (DONE_BY_ITSELF.has(w)) done = pay = true;
    else if (DONE.has(w)) done = true;
    else if (PAY.has(w)) pay = true;
    else if (!method && !FILLER.has(w) && !PARTICLES.has(w)) return null;
  }
  if (!done || !pay || methods.size > 1) return null;
  return { method: [...methods][0] ?? null, code: code ? `PK-${code[1]!.toUpperCase()}` : null };
}
