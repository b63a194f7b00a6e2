import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Config } from '../config/config.js';
import { openDatabase, type DatabaseHandle } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { buildServices, type Services } from '../app/services.js';
import { systemClock } from '../shared/clock.js';

/** CLI commands work on the same database file as the service; the schema is brought up to date first. */
export async function openMigratedDatabase(config: Config): Promise<DatabaseHandle> {
  mkdirSync(dirname(config.databaseFile), { recursive: true });
  const handle = openDatabase({ file: config.databaseFile });
  await migrateToLatest(handle.db);
  return handle;
}

/** The services a command needs, built once over the migrated database (src/app/services.ts), and its closer. */
export async function openCliServices(config: Config): Promise<{ services: Services; close(): Promise<void> }> {
  const h = await openMigratedDatabase(config);
  return { services: buildServices({ db: h.db, clock: systemClock }), close: () => h.close() };
}
