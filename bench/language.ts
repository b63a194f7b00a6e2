import { parseBuyerText, parseDecision, parsePosting, parseReply } from '../src/language/index.js';
import {
  loadPosts,
  scoreBuyerPhrases,
  scorePosts,
  scoreReplies,
  split,
  type ReplyCase,
} from '../tests/unit/language/corpus/score.js';

const readReply = (c: ReplyCase): unknown =>
  c.kind === 'decision'
    ? parseDecision(c.text)
    : c.kind === 'yes_no'
      ? parseReply(c.text, 'yes_no')
      : parseReply(c.text, c.kind);

/**
 * The language figures (issue 15): exact-match rates and wrong values on the labelled corpus in
 * tests/unit/language/corpus (the `_held` figures on the quarter never used for tuning), and how many posts
 * per second the posting parser reads (the whole corpus, over and over, for `ms` milliseconds).
 */
export function benchLanguage(p: { ms?: number } = {}): Record<string, number> {
  const posts = split(scorePosts(parsePosting));
  const replies = scoreReplies(readReply);
  const r = split(replies);
  const buyer = split(scoreBuyerPhrases(parseBuyerText));
  const texts = loadPosts().map((c) => c.text);
  const ms = p.ms ?? 2_000;
  let parsed = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    for (const text of texts) parsePosting(text);
    parsed += texts.length;
  }
  const seconds = (performance.now() - start) / 1000;
  const pct = (x: number): number => Math.round(x * 1000) / 10;
  return {
    posting_exact: pct(posts.all.rate),
    posting_exact_held: pct(posts.held.rate),
    posting_wrong_values: posts.all.wrong,
    reply_exact: pct(r.all.rate),
    reply_exact_held: pct(r.held.rate),
    reply_false_yes: replies.reduce((n, c) => n + c.wrong.filter((w) => w === 'false yes').length, 0),
    buyer_phrase_exact: pct(buyer.all.rate),
    buyer_phrase_exact_held: pct(buyer.held.rate),
    postings_per_s: Math.round(parsed / seconds),
  };
}

// `node --import tsx bench/language.ts`: only these figures, without Redis.
if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(benchLanguage()));
