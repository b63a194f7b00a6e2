import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Config } from '../config/config.js';
import { openDatabaseAt, type OpenedDatabase } from '../db/open.js';
import { migrateToLatest } from '../db/migrate.js';
import { buildServices, type Services } from '../app/services.js';
import { systemClock } from '../shared/clock.js';

/** Where the service keeps its data: DATABASE_URL (PostgreSQL) when set, else the SQLite file. */
export function databaseLocation(config: Config): string {
  return config.databaseUrl ?? config.databaseFile;
}

/** Opens the service's database (creating the SQLite file's folder) without migrating it. */
export function openConfiguredDatabase(config: Config): OpenedDatabase {
  if (!config.databaseUrl) mkdirSync(dirname(config.databaseFile), { recursive: true });
  return openDatabaseAt(databaseLocation(config), { poolMax: 2 });
}

/** CLI commands work on the same database as the service; the schema is brought up to date first. */
export async function openMigratedDatabase(config: Config): Promise<OpenedDatabase> {
  const handle = openConfiguredDatabase(config);
  await migrateToLatest(handle.db);
  return handle;
}

/** The services a command needs, built once over the migrated database (src/app/services.ts), and its closer. */
export async function openCliServices(config: Config): Promise<{ services: Services; close(): Promise<void> }> {
  const h = await openMigratedDatabase(config);
  return { services: buildServices({ db: h.db, clock: systemClock }), close: () => h.close() };
}
