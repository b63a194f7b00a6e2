import { menuNumberWord, ordinalWord } from './number-words.js';
import { squeezeRepeats } from './normalize-text.js';
import { inSet, isParticle, replyWords } from './reply-lex.js';
import { HEDGES, MENU_FILLERS, NEGATABLE, NEGATORS, NO_WORDS, TAGS, YES_WORDS } from './reply-words.js';

export type ChoiceAnswer = { kind: 'choice'; index: number } | 'unclear';
export type YesNoAnswer = { kind: 'yes' } | { kind: 'no' } | 'unclear';
export type ReplyAnswer = { kind: 'choice'; index: number } | { kind: 'yes' } | { kind: 'no' } | 'unclear';

/** What the reply is to: a yes/no question, or a numbered menu with options 1..N. */
export type ReplyKind = 'yes_no' | number;

function parseYesNo(text: string): YesNoAnswer {
  const words = replyWords(text);
  if (words === null) return 'unclear';
  const signals = new Set<'yes' | 'no'>();
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const next = words[i + 1];
    if (isParticle(word)) continue;
    // "ga papa", "belum tentu": not a refusal, and not a yes either.
    if (inSet(NEGATORS, word) && inSet(HEDGES, next)) return 'unclear';
    if (inSet(NEGATORS, word) && inSet(NEGATABLE, next)) {
      signals.add('no');
      i++;
    } else if (inSet(TAGS, word) && signals.has('no') && !signals.has('yes')) {
      // "mboten nggih", "gak ya kak": a tag after a no softens it.
      continue;
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
