import { assembleItem, groupTokens } from './assemble-item.js';
import { lexPosting } from './lex-posting.js';
import { foldText } from './normalize-text.js';
import type { PostedItem, PostingResult } from './posted-item.js';
import { readTokens } from './posting-tokens.js';
import { splitFragments } from './split-fragments.js';

export type { PostedItem, PostingResult, Unit } from './posted-item.js';

function parseFragment(fragment: string): PostingResult {
  // foldText keeps positions, so token spans index the fragment as the shopkeeper wrote it.
  const tokens = readTokens(lexPosting(foldText(fragment)));
  const items: PostedItem[] = [];
  const unreadable: string[] = [];
  for (const group of groupTokens(tokens)) {
    const first = group[0];
    const last = group.at(-1);
    const source = first && last ? fragment.slice(first.start, last.end) : fragment;
    const item = assembleItem(group, source);
    if (item) items.push(item);
    else unreadable.push(source);
  }
  return { items, unreadable };
}

/**
 * Reads a shopkeeper's free-text product post ("beras 5kg 65rb, gula 1kg 17rb") into items.
 *
 * Never guesses a price: a fragment that reads more than one way, or names no product, is returned
 * in `unreadable` as written, for the chat flow to ask about. See src/language/README.md for the
 * rules (e.g. a bare number below 1000 after the name is thousands of rupiah).
 */
export function parsePosting(text: string): PostingResult {
  const items: PostedItem[] = [];
  const unreadable: string[] = [];
  for (const fragment of splitFragments(text)) {
    const result = parseFragment(fragment);
    items.push(...result.items);
    unreadable.push(...result.unreadable);
  }
  return { items, unreadable };
}
