/** Small readers over lexed atoms, shared by the token rules. */
import type { Atom } from './lex-posting.js';

export type Span = { start: number; end: number };

export function wordAt(atoms: readonly Atom[], i: number): string | undefined {
  const atom = atoms[i];
  return atom?.type === 'word' ? atom.text : undefined;
}

export function punctAt(atoms: readonly Atom[], i: number): string | undefined {
  const atom = atoms[i];
  return atom?.type === 'punct' ? atom.text : undefined;
}

export function span(atoms: readonly Atom[], first: number, next: number): Span {
  return { start: atoms[first]?.start ?? 0, end: atoms[next - 1]?.end ?? 0 };
}

/** The words from `i` on, up to the first atom that is not a word (at most 12: no amount is longer). */
export function wordsFrom(atoms: readonly Atom[], i: number): string[] {
  const words: string[] = [];
  for (let j = i; j < i + 12 && wordAt(atoms, j) !== undefined; j++) words.push(wordAt(atoms, j) as string);
  return words;
}
