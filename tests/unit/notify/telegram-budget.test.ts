import { describe, expect, it } from 'vitest';
import { splitTelegramRate } from '../../../src/jobs/telegram-budget.js';

describe('the Telegram rate split between notices and broadcasts', () => {
  it.each([1, 2, 5, 25, 30, 100])('never gives both together more than %i a second, nor either nothing', (total) => {
    const { notify, broadcast } = splitTelegramRate(total);
    expect(notify).toBeGreaterThanOrEqual(1);
    expect(broadcast).toBeGreaterThanOrEqual(1);
    if (total >= 2) expect(notify + broadcast).toBe(total);
  });

  it('gives notices a fifth of the default 25 and broadcasts the rest', () => {
    expect(splitTelegramRate(25)).toEqual({ notify: 5, broadcast: 20 });
  });
});
