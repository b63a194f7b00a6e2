import { describe, expect, it } from 'vitest';
import { parseDecision, parseReply } from '../../../src/language/index.js';
import { scoreReplies, split, type ReplyCase } from './corpus/score.js';

/**
 * The labelled corpus of replies (tests/language/corpus/replies.jsonl): answers to a new order
 * ("decision": yes with a note, no with a reason), to yes/no questions and to numbered menus, in
 * Indonesian, Suroboyoan and krama. A quarter ("held": true) was never used for tuning.
 */
export function readReply(c: ReplyCase): unknown {
  if (c.kind === 'decision') return parseDecision(c.text);
  return c.kind === 'yes_no' ? parseReply(c.text, 'yes_no') : parseReply(c.text, c.kind);
}

const results = scoreReplies(readReply);
const summary = split(results);

describe('reply corpus', () => {
  it('has at least 250 labelled replies', () => {
    expect(summary.all.cases).toBeGreaterThanOrEqual(250);
  });

  it('reads at least 97 % of replies exactly, on the tuned and on the held-out part', () => {
    console.info(
      `reply_exact dev ${summary.dev.exact}/${summary.dev.cases}, held-out ${summary.held.exact}/${summary.held.cases}`,
    );
    const misses = results
      .filter((r) => !r.exact)
      .map((r) => `${r.id} ${JSON.stringify(r.text)} -> ${JSON.stringify(r.got)}`);
    expect(summary.dev.rate, misses.join('\n')).toBeGreaterThanOrEqual(0.97);
    expect(summary.held.rate, misses.join('\n')).toBeGreaterThanOrEqual(0.97);
  });

  it('never reads a yes where there is none, nor another menu option', () => {
    expect(results.flatMap((r) => r.wrong.map((w) => `${r.id} ${JSON.stringify(r.text)}: ${w}`))).toEqual([]);
  });
});
