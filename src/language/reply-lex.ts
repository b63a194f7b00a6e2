/** Cutting a chat reply into words, shared by the reply and order-decision readers. */
import { replaceKeycaps, squeezeRepeats } from './normalize-text.js';
import { PARTICLE_PAIRS, PARTICLES } from './reply-words.js';

export const PARTICLE = '\u0000particle';

// Skin tones and the emoji variation selector carry no meaning for an answer.
const EMOJI_DECORATION = /[\u{1F3FB}-\u{1F3FF}]|\uFE0F|\u200D/gu;
const EMOJI_WORDS: readonly (readonly [RegExp, string])[] = [
  [/[\u{1F44D}\u2705\u2714\u{1F44C}]/gu, ' ya '],
  [/[\u{1F44E}\u274C\u2716\u274E]/gu, ' tidak '],
  [/[\u{1F64F}\u{1F60A}\u{1F642}\u{1F600}\u{1F601}\u{1F4AA}]/gu, ' '],
];
const SEPARATORS = /[\s.,!;:~()"*_\-/]+/u;
const WORD = /^[\p{L}\p{N}']+$/u;

/**
 * Splits a reply into lower-case words, or returns null when it holds a question mark or a symbol we do
 * not know: both mean the sender is not simply answering.
 */
export function replyWords(text: string): string[] | null {
  let t = replaceKeycaps(text)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019`]/g, "'");
  t = t.replace(EMOJI_DECORATION, '');
  for (const [pattern, word] of EMOJI_WORDS) t = t.replace(pattern, word);
  if (/[?¿]/.test(t)) return null;
  // "ke2", "no2": a number glued to a word is still its own word.
  t = t.replace(/(\p{L})(\d)/gu, '$1 $2').replace(/(\d)(\p{L})/gu, '$1 $2');
  const words = t
    .split(SEPARATORS)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter((w) => w !== '');
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
export function inSet(set: ReadonlySet<string>, word: string | undefined): boolean {
  return word !== undefined && (set.has(word) || set.has(squeezeRepeats(word)));
}

export function isParticle(word: string): boolean {
  return word === PARTICLE || inSet(PARTICLES, word);
}
