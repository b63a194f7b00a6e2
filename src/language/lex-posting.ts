/**
 * First pass over one folded posting fragment: cuts it into numbers, words, currency marks and
 * punctuation, with their positions. "65rb" and "5kg" are cut in two only when the letters are a
 * known suffix, so product names such as "3in1" or "b29" stay whole words.
 */
import { multiplierOf, unitOf } from './units.js';

type Span = { start: number; end: number };

export type Atom =
  | ({ type: 'number'; raw: string } & Span)
  | ({ type: 'word'; text: string } & Span)
  /** "rp", "idr" */
  | ({ type: 'currency' } & Span)
  /** "20an", "20rban": an approximate amount, never a price */
  | ({ type: 'approx' } & Span)
  /** "8rb500", "12rb500": thousands and hundreds written as one word */
  | ({ type: 'price'; value: number } & Span)
  | ({ type: 'punct'; text: string } & Span);

const CHUNK = /[\p{L}\p{N}]+(?:[.,'][\p{L}\p{N}]+)*|\S/gu;
const NUMBERISH = /^(?:(rp|idr)\.?)?(\d+(?:[.,]\d+)*|\d*[½¼¾])?(\p{L}*)$/u;
const APPROX_SUFFIX = /^(?:rb|ribu|k)?an$/;
const THOUSANDS_AND_HUNDREDS = /^(\d{1,3})(?:rb|ribu|rebu|ewu|k)(\d{3})$/;

function classify(chunk: string, start: number): Atom[] {
  const end = start + chunk.length;
  const joined = THOUSANDS_AND_HUNDREDS.exec(chunk);
  if (joined) return [{ type: 'price', value: Number(joined[1]) * 1_000 + Number(joined[2]), start, end }];
  const m = NUMBERISH.exec(chunk);
  if (!m) {
    return /[\p{L}\p{N}]/u.test(chunk)
      ? [{ type: 'word', text: chunk, start, end }]
      : [{ type: 'punct', text: chunk, start, end }];
  }
  const [, currency, digits, suffix = ''] = m;
  if (digits === undefined) {
    if (currency !== undefined && suffix === '') return [{ type: 'currency', start, end }];
    return [{ type: 'word', text: chunk, start, end }];
  }
  if (suffix !== '' && APPROX_SUFFIX.test(suffix)) return [{ type: 'approx', start, end }];
  if (suffix !== '' && unitOf(suffix) === null && multiplierOf(suffix) === null) {
    return [{ type: 'word', text: chunk, start, end }];
  }

  const atoms: Atom[] = [];
  const digitsStart = start + chunk.indexOf(digits, currency?.length ?? 0);
  const digitsEnd = digitsStart + digits.length;
  if (currency !== undefined) atoms.push({ type: 'currency', start, end: digitsStart });
  atoms.push({ type: 'number', raw: digits, start: digitsStart, end: digitsEnd });
  if (suffix !== '') atoms.push({ type: 'word', text: suffix, start: digitsEnd, end });
  return atoms;
}

/** Splits a folded fragment (see `foldText`) into atoms. */
export function lexPosting(folded: string): Atom[] {
  return [...folded.matchAll(CHUNK)].flatMap((m) => classify(m[0], m.index));
}
