import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUpdateInbox } from '../../src/chat/update-inbox.js';
import { systemClock } from '../../src/shared/clock.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

// Webhooks on every server process store updates in one table and every process claims from it (README
// "More than one machine"): two inboxes over one database stand for two processes.
let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

const inbox = () => createUpdateInbox({ db: t.db, clock: systemClock, channel: 'telegram' });

describe('the update inbox shared by several processes', () => {
  it('stores a redelivered update once, whichever process it reaches', async () => {
    const [one, two] = [inbox(), inbox()];
    const u = { updateId: 1, chatKey: 'tg:1', payload: '{}' };
    expect(await Promise.all([one.accept(u), two.accept(u)])).toEqual(expect.arrayContaining([true, false]));
  });

  it('gives each update to one process only, however the claims interleave', async () => {
    const [one, two] = [inbox(), inbox()];
    for (let i = 1; i <= 60; i++) await one.accept({ updateId: i, chatKey: `tg:${i}`, payload: '{}' });
    const claimed: number[] = [];
    await Promise.all(
      [one, two, one, two].map(async (box) => {
        for (;;) {
          const batch = await box.claim(7);
          if (batch.length === 0) return;
          claimed.push(...batch.map((u) => u.updateId));
        }
      }),
    );
    expect(claimed.sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });

  it("does not give a chat's later update to another process while its earlier one is being handled", async () => {
    const [one, two] = [inbox(), inbox()];
    await one.accept({ updateId: 10, chatKey: 'tg:a', payload: '{}' });
    await one.accept({ updateId: 11, chatKey: 'tg:a', payload: '{}' });
    await one.accept({ updateId: 12, chatKey: 'tg:b', payload: '{}' });
    expect((await one.claim(1)).map((u) => u.updateId)).toEqual([10]);
    expect((await two.claim(10)).map((u) => u.updateId)).toEqual([12]);
    await one.done(10);
    expect((await two.claim(10)).map((u) => u.updateId)).toEqual([11]);
  });
});
