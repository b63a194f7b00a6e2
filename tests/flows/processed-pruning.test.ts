import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { markProcessed, isProcessed } from '../../src/chat/conversation.repository.js';
import { startProcessedPruning } from '../../src/chat/processed-pruning.js';
import { ManualClock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/logger.js';
import { waitUntil } from '../support/processes.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

let t: TestDb;
beforeEach(async () => (t = await createTestDb()));
afterEach(async () => t.cleanup());

describe('pruning processed message ids', () => {
  it('forgets ids older than the window and keeps recent ones, so that recent redeliveries stay deduplicated', async () => {
    const clock = new ManualClock('2026-11-20T00:00:00Z');
    await markProcessed(t.db, 'telegram', 'old', '2026-11-12T00:00:00.000Z');
    await markProcessed(t.db, 'telegram', 'recent', '2026-11-19T00:00:00.000Z');
    const pruning = startProcessedPruning({ db: t.db, clock, logger: silentLogger(), keepMs: 7 * 24 * 3_600_000 });
    try {
      await waitUntil(async () => !(await isProcessed(t.db, 'telegram', 'old')), 5000, 'old id pruned');
      expect(await isProcessed(t.db, 'telegram', 'recent')).toBe(true);
    } finally {
      pruning.stop();
    }
  });
});
