import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Config } from '../config/config.js';
import { openDatabase, type DatabaseHandle } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';

/** CLI commands work on the same database file as the service; the schema is brought up to date first. */
export async function openMigratedDatabase(config: Config): Promise<DatabaseHandle> {
  mkdirSync(dirname(config.databaseFile), { recursive: true });
  const handle = openDatabase({ file: config.databaseFile });
  await migrateToLatest(handle.db);
  return handle;
}
