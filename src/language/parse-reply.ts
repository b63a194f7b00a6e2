import { menuNumberWord, ordinalWord } from './number-words.js';
import { replaceKeycaps, squeezeRepeats } from './normalize-text.js';
import {
  MENU_FILLERS,
  NEGATABLE,
  NEGATORS,
  NO_WORDS,
  PARTICLE_PAIRS,
  PARTICLES,
  YES_WORDS,
} from './reply-words.js';

export type ChoiceAnswer = { kind: 'choice'; index: number } | 'unclear';
export type YesNoAnswer = { kind: 'yes' } | { kind: 'no' } | 'unclear';
export type ReplyAnswer = { kind: 'choice'; index: number } | { kind: 'yes' } | { kind: 'no' } | 'unclear';

/** What the reply is to: a yes/no question, or a numbered menu with options 1..N. */
export type ReplyKind = 'yes_no' | number;

const PARTICLE = '\u0000particle';

// Skin tones and the emoji variation selector carry no meaning for an answer.
const EMOJI_DECORATION = /[\u{1F3FB}-\u{1F3FF}]|\uFE0F|\u200D/gu;
const EMOJI_WORDS: readonly (readonly [RegExp, string])[] = [
  [/[\u{1F44D}\u2705\u2714\u{1F44C}]/gu, ' ya '],
  [/[\u{1F44E}\u274C\u2716\u274E]/gu, ' tidak '],
  [/\u{1F64F}/gu, ' '],
];
const SEPARATORS = /[\s.,!;:~()"*_\-/]+/u;
const WORD = /^[\p{L}\p{N}']+$/u;

/**
 * Splits a reply into squeezed lower-case words, or returns null when it holds a question mark or a
 * symbol we do not know: both mean the sender is not simply answering.
 */
function replyWords(text: string): string[] | null {
  let t = replaceKeycaps(text).normalize('NFKC').toLowerCase().replace(/[\u2018\u2019`]/g, "'");
  t = t.replace(EMOJI_DECORATION, '');
  for (const [pattern, word] of EMOJI_WORDS) t = t.replace(pattern, word);
  if (/[?¿]/.test(t)) return null;
  // "ke2", "no2": a number glued to a word is still its own word.
  t = t.replace(/(\p{L})(\d)/gu, '$1 $2').replace(/(\d)(\p{L})/gu, '$1 $2');
  const words = t.split(SEPARATORS).map((w) => w.replace(/^'+|'+$/g, '')).filter((w) => w !== '');
  if (!words.every((w) => WORD.test(w))) return null;
  return mergeParticlePairs(words);
}

function mergeParticlePairs(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const first = squeezeRepeats(words[i] ?? '');
    const second = squeezeRepeats(words[i + 1] ?? '');
    const pair = PARTICLE_PAIRS.find(([a, b]) => first === a && second === b);
    if (pair) {
      out.push(PARTICLE);
      i++;
    } else {
      out.push(words[i] as string);
    }
  }
  return out;
}

/** Vocabularies hold squeezed words, so "iyaaa" is looked up as "iya". */
function inSet(set: ReadonlySet<string>, word: string | undefined): boolean {
  return word !== undefined && set.has(squeezeRepeats(word));
}

function isParticle(word: string): boolean {
  return word === PARTICLE || inSet(PARTICLES, word);
}

function parseYesNo(text: string): YesNoAnswer {
  const words = replyWords(text);
  if (words === null) return 'unclear';
  const signals = new Set<'yes' | 'no'>();
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const next = words[i + 1];
    if (isParticle(word)) continue;
    if (inSet(NEGATORS, word) && inSet(NEGATABLE, next)) {
      signals.add('no');
      i++;
    } else if (inSet(YES_WORDS, word) || word === '1') {
      signals.add('yes');
    } else if (inSet(NO_WORDS, word) || word === '2') {
      signals.add('no');
    } else {
      return 'unclear';
    }
  }
  // Both signals ("iya gak") or none (only "makasih") is not an answer; a wrong yes costs most.
  if (signals.size !== 1) return 'unclear';
  return signals.has('yes') ? { kind: 'yes' } : { kind: 'no' };
}

function menuNumber(word: string): number | null {
  if (/^\d+$/.test(word)) return Number.parseInt(word, 10);
  // Number words are matched as typed first: squeezing turns "keempat" into "kempat".
  const squeezed = squeezeRepeats(word);
  return menuNumberWord(word) ?? ordinalWord(word) ?? menuNumberWord(squeezed) ?? ordinalWord(squeezed);
}

function parseChoice(text: string, size: number): ChoiceAnswer {
  const words = replyWords(text);
  if (words === null) return 'unclear';
  const numbers = new Set<number>();
  for (const word of words) {
    const n = menuNumber(word);
    if (n !== null) numbers.add(n);
    else if (!inSet(MENU_FILLERS, word) && !isParticle(word)) return 'unclear';
  }
  const [index] = numbers;
  if (numbers.size !== 1 || index === undefined || index < 1 || index > size) return 'unclear';
  return { kind: 'choice', index };
}

/**
 * Reads a chat reply to a yes/no question or to a numbered menu.
 *
 * For `'yes_no'` the prompt offers "1 = ya, 2 = tidak", so a lone "1" is yes and "2" is no. Mixed
 * signals, questions and unknown words give `'unclear'`: the caller asks again rather than act on a
 * guess. For a menu of `kind` options the answer is a 1-based index, or `'unclear'` when no single
 * in-range number is named.
 *
 * @throws RangeError when `kind` is a number but not a whole number of at least 1.
 */
export function parseReply(text: string, kind: 'yes_no'): YesNoAnswer;
export function parseReply(text: string, kind: number): ChoiceAnswer;
export function parseReply(text: string, kind: ReplyKind): ReplyAnswer;
export function parseReply(text: string, kind: ReplyKind): ReplyAnswer {
  if (kind === 'yes_no') return parseYesNo(text);
  if (!Number.isInteger(kind) || kind < 1) {
    throw new RangeError(`A menu needs a whole number of options, at least 1; got ${kind}`);
  }
  return parseChoice(text, kind);
}
