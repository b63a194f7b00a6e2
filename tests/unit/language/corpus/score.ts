/**
 * Scores parsers against the labelled corpus in this folder (posts, replies, buyer phrases). Shared by
 * the table test (tests/language/corpus.test.ts) and `npm run bench` (bench/language.ts), so that both
 * report the same figures. A case is "exact" when the whole reading equals its label; a "wrong value"
 * is worse than a miss: a number given to a product that does not have it, a product that is not
 * there, or a yes where the person did not say yes.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export type ExpectedItem = {
  name: string;
  quantity: { amount: number; unit: string } | null;
  price: number | null;
  stock: number | null;
  outOfStock: boolean;
};
export type PostCase = { id: string; held: boolean; text: string; expect: { items: ExpectedItem[]; unreadable: number } };
export type ReplyCase = { id: string; held: boolean; kind: 'decision' | 'yes_no' | number; text: string; expect: unknown };
export type BuyerCase = { id: string; held: boolean; text: string; expect: unknown };

function readJsonl<T>(file: string): T[] {
  return readFileSync(join(here, file), 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as T);
}

export const loadPosts = (): PostCase[] => readJsonl('posts.jsonl');
export const loadReplies = (): ReplyCase[] => readJsonl('replies.jsonl');
export const loadBuyerPhrases = (): BuyerCase[] => readJsonl('buyer-phrases.jsonl');

export type PostingReading = { items: readonly ExpectedItem[]; unreadable: readonly string[] };

const sameQuantity = (a: ExpectedItem['quantity'], b: ExpectedItem['quantity']): boolean =>
  a === b || (a !== null && b !== null && a.amount === b.amount && a.unit === b.unit);

function sameItem(a: ExpectedItem, b: ExpectedItem): boolean {
  return a.name === b.name && sameQuantity(a.quantity, b.quantity) && a.price === b.price && a.stock === b.stock &&
    a.outOfStock === b.outOfStock;
}

const words = (name: string): Set<string> => new Set(name.split(/\s+/));

/**
 * Values in `got` that are wrong: compared with the expected item of the same name (else one sharing a
 * word of its name, else none), every value that is present and differs. A value on a product that the
 * post does not have counts too. A missing value (null where a number was expected) is a miss, not wrong.
 */
export function wrongValues(got: readonly ExpectedItem[], expected: readonly ExpectedItem[]): string[] {
  const wrong: string[] = [];
  const unused = [...expected];
  for (const item of got) {
    let index = unused.findIndex((e) => e.name === item.name && sameQuantity(e.quantity, item.quantity));
    if (index < 0) index = unused.findIndex((e) => e.name === item.name);
    if (index < 0) index = unused.findIndex((e) => [...words(item.name)].some((w) => words(e.name).has(w)));
    const match = index >= 0 ? unused.splice(index, 1)[0] : undefined;
    if (!match) {
      if (item.price !== null || item.stock !== null || item.quantity !== null) wrong.push(`${item.name}: not in the post`);
      continue;
    }
    if (item.price !== null && item.price !== match.price) wrong.push(`${item.name}: price ${item.price} (not ${match.price})`);
    if (item.stock !== null && item.stock !== match.stock) wrong.push(`${item.name}: stock ${item.stock} (not ${match.stock})`);
    if (item.quantity !== null && !sameQuantity(item.quantity, match.quantity)) {
      wrong.push(`${item.name}: quantity ${JSON.stringify(item.quantity)} (not ${JSON.stringify(match.quantity)})`);
    }
    if (item.outOfStock && !match.outOfStock) wrong.push(`${item.name}: marked out of stock`);
  }
  return wrong;
}

export type CaseResult = { id: string; held: boolean; text: string; exact: boolean; wrong: string[]; got: unknown; expect: unknown };

export function scorePosts(parse: (text: string) => PostingReading, cases = loadPosts()): CaseResult[] {
  return cases.map((c) => {
    const r = parse(c.text);
    const items = r.items.map(({ name, quantity, price, stock, outOfStock }) => ({ name, quantity, price, stock, outOfStock }));
    const exact = items.length === c.expect.items.length && items.every((it, i) => sameItem(it, c.expect.items[i] as ExpectedItem)) &&
      r.unreadable.length === c.expect.unreadable;
    return { id: c.id, held: c.held, text: c.text, exact, wrong: wrongValues(items, c.expect.items), got: { items, unreadable: r.unreadable }, expect: c.expect };
  });
}

const isYes = (v: unknown): boolean => typeof v === 'object' && v !== null && (v as { kind?: string }).kind === 'yes';

/** `read` answers one reply case; a false yes is a yes where the label is not one. */
export function scoreReplies(read: (c: ReplyCase) => unknown, cases = loadReplies()): CaseResult[] {
  return cases.map((c) => {
    const got = read(c);
    const exact = JSON.stringify(got) === JSON.stringify(c.expect);
    const wrong: string[] = [];
    if (isYes(got) && !isYes(c.expect)) wrong.push('false yes');
    if (typeof c.kind === 'number' && typeof got === 'object' && got !== null && !exact) wrong.push('wrong choice');
    return { id: c.id, held: c.held, text: c.text, exact, wrong, got, expect: c.expect };
  });
}

/** A wrong buyer reading is an action (add, remove, repeat) other than the labelled one. */
export function scoreBuyerPhrases(read: (text: string) => unknown, cases = loadBuyerPhrases()): CaseResult[] {
  return cases.map((c) => {
    const got = read(c.text);
    const exact = JSON.stringify(got) === JSON.stringify(c.expect);
    const acts = typeof got === 'object' && got !== null && (got as { intent?: string }).intent !== 'menu';
    return { id: c.id, held: c.held, text: c.text, exact, wrong: acts && !exact ? ['wrong action'] : [], got, expect: c.expect };
  });
}

export type Summary = { cases: number; exact: number; rate: number; wrong: number };

export function summarise(results: readonly CaseResult[]): Summary {
  const exact = results.filter((r) => r.exact).length;
  return { cases: results.length, exact, rate: results.length ? exact / results.length : 0, wrong: results.reduce((n, r) => n + r.wrong.length, 0) };
}

/** Dev and held-out halves separately: the held-out cases were written with the rest and never tuned against. */
export function split(results: readonly CaseResult[]): { dev: Summary; held: Summary; all: Summary } {
  return { dev: summarise(results.filter((r) => !r.held)), held: summarise(results.filter((r) => r.held)), all: summarise(results) };
}
