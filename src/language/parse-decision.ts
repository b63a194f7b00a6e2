/**
 * A shopkeeper's reply to a new order, as they write it: assent with a note ("siap, kirim habis
 * maghrib"), or a no with its reason ("entek mbak", "maaf lagi tutup", "ga bisa hari ini"). A wrong yes
 * takes an order the shop cannot serve, so anything mixed, hedged or asked is unclear and the flow asks.
 */
import { inSet, isParticle, replyWords } from './reply-lex.js';
import {
  AFTER_WHAT,
  APOLOGIES,
  ASPECT_WORDS,
  DOUBTS,
  HEDGES,
  NEGATABLE,
  NEGATORS,
  NO_WORDS,
  TAGS,
  UNAVAILABLE,
  YES_WORDS,
} from './reply-words.js';

export type Decision =
  /** `note`: what the shop adds for the buyer ("kirim habis maghrib"), or null */
  | { kind: 'yes'; note: string | null }
  /** `reason`: the reply as written when it says why ("entek mbak"), or null for a bare no */
  | { kind: 'no'; reason: string | null }
  | 'unclear';

/** Only these also mean "after" ("habis maghrib"); "entek jam 4" is still out of stock. */
const AFTER: ReadonlySet<string> = new Set(['habis', 'abis', 'hbs']);

type Role =
  'yes' | 'aspect' | 'no' | 'negated' | 'unavailable' | 'apology' | 'particle' | 'tag' | 'doubt' | 'hedge' | 'content';

function roles(words: readonly string[]): Role[] {
  const out: Role[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const next = words[i + 1];
    const sawNo = out.some((r) => r === 'no' || r === 'unavailable');
    if (isParticle(w)) out.push('particle');
    else if (inSet(NEGATORS, w) && inSet(HEDGES, next)) out.push('hedge');
    else if (inSet(NEGATORS, w) && inSet(NEGATABLE, next)) {
      out.push('no', 'negated');
      i++;
    } else if (inSet(TAGS, w) && sawNo) out.push('tag');
    else if (inSet(UNAVAILABLE, w) && !(AFTER.has(w) && inSet(AFTER_WHAT, next))) out.push('unavailable');
    else if (inSet(NO_WORDS, w) || w === '2') out.push('no');
    else if (inSet(ASPECT_WORDS, w)) out.push(inSet(YES_WORDS, w) ? 'aspect' : 'particle');
    else if (inSet(YES_WORDS, w) || w === '1') out.push('yes');
    else if (inSet(APOLOGIES, w)) out.push('apology');
    else if (inSet(DOUBTS, w)) out.push('doubt');
    else out.push('content');
  }
  return out;
}

const LEADING_WORD =
  /^(?:[\s.,!;:~()"*_\-/\p{Extended_Pictographic}]|[\u{1F3FB}-\u{1F3FF}]|\uFE0F|\u200D)*([\p{L}\p{N}']+)/u;

/**
 * The note after the assent: the text with its leading yes words, particles and thanks cut off, as
 * written. An aspect word ("sampun disiapaken") stays with the note when more follows it.
 */
function noteAfterAssent(text: string): string | null {
  let rest = text;
  for (;;) {
    const m = LEADING_WORD.exec(rest);
    if (!m) break;
    const word = (m[1] as string).toLowerCase();
    const after = rest.slice(m[0].length);
    const nextWord = LEADING_WORD.exec(after)?.[1]?.toLowerCase();
    const pair =
      (word === 'terima' && nextWord === 'kasih') ||
      (word === 'matur' && (nextWord === 'nuwun' || nextWord === 'suwun'));
    if (pair) {
      rest = after.slice((LEADING_WORD.exec(after) as RegExpExecArray)[0].length);
      continue;
    }
    const assent = inSet(YES_WORDS, word) || word === '1' || isParticle(word) || inSet(TAGS, word);
    // "sampun disiapaken" is the note; in "yo wis, tak kirim" the comma ends the assent.
    if (!assent || (inSet(ASPECT_WORDS, word) && /^\s+[\p{L}\p{N}]/u.test(after))) break;
    rest = after;
  }
  const note = rest.replace(/^(?:[\s.,!;:~\-\p{Extended_Pictographic}]|\uFE0F)+/u, '').trim();
  return note === '' ? null : note;
}

/** Reads a reply to "new order: 1 terima / 2 tolak". */
export function parseDecision(text: string): Decision {
  const words = replyWords(text);
  if (words === null || words.length === 0) return 'unclear';
  const rs = roles(words);
  const has = (r: Role): boolean => rs.includes(r);
  if (has('hedge') || has('doubt')) return 'unclear';
  const refused = has('no') || has('unavailable');
  if (refused) {
    // A yes beside a no ("iya tapi habis", "nggih, mboten wonten kurir") is not an answer.
    if (has('yes')) return 'unclear';
    const bare = rs.every(
      (r) => r === 'no' || r === 'negated' || r === 'particle' || r === 'tag' || r === 'apology' || r === 'aspect',
    );
    return { kind: 'no', reason: bare ? null : text.trim() };
  }
  const first = rs.findIndex((r) => r !== 'particle');
  if (first >= 0 && (rs[first] === 'yes' || rs[first] === 'aspect')) {
    if (words.some((w) => w === '2')) return 'unclear';
    // The digit 1 is the menu's "terima" only on its own; "1'; DROP TABLE" or "1 kirim besok" is not an answer.
    if (words.includes('1') && rs.some((r) => r === 'content')) return 'unclear';
    return { kind: 'yes', note: noteAfterAssent(text) };
  }
  // "maaf, saya lagi di luar kota": an apology with a reason and no assent is a no.
  if (has('apology') && has('content') && !has('yes')) return { kind: 'no', reason: text.trim() };
  return 'unclear';
}
