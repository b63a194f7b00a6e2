import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DatabaseHandle } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

export interface TestDb extends DatabaseHandle {
  dir: string;
  file: string;
  /** Closes and deletes the files. */
  cleanup(): Promise<void>;
}

/** A real SQLite file in a fresh temp folder, migrated to the latest schema. */
export async function createTestDb(): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), 'peken-test-'));
  const file = join(dir, 'peken.db');
  const handle = openDatabase({ file });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    dir,
    file,
    cleanup: async () => {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
