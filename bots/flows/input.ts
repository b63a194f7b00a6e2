import { parseReply } from '../../src/language/index.js';
import type { Session } from './session.js';
import type { Texts } from './texts/index.js';

export type AlwaysWord = 'menu' | 'cancel' | 'help' | 'back';

const clean = (text: string): string =>
  text
    .trim()
    .toLowerCase()
    .replace(/[.!?,;:]+$/u, '')
    .replace(/\s+/g, ' ');

/** menu, batal/cancel, bantuan/help and 0 (back) work in every step, in either language. */
export function alwaysWord(t: Texts, text: string): AlwaysWord | null {
  const w = clean(text);
  for (const kind of ['menu', 'cancel', 'help', 'back'] as const) {
    if (t.words[kind].includes(w)) return kind;
  }
  return null;
}

/**
 * A typed answer as the value of one of the options last shown: "2", "dua", "nomer 2", and for a yes/no
 * prompt also "ya", "nggih", "mboten". Null when the text names none of them.
 */
export function resolveChoice(session: Session, text: string): string | null {
  if (session.options.length > 0) {
    const r = parseReply(text, session.options.length);
    if (r !== 'unclear') return session.options[r.index - 1] ?? null;
  }
  if (session.yesNo) {
    const r = parseReply(text, 'yes_no');
    if (r !== 'unclear') return r.kind === 'yes' ? session.yesNo[0] : session.yesNo[1];
  }
  return null;
}
