import type { CliCommand } from '../command.js';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { openDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { openPostgres } from '../../db/postgres.js';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'apply pending database migrations',
  usage: 'peken migrate',
  async run({ config, out }) {
    const h = config.databaseUrl
      ? openPostgres({ url: config.databaseUrl, max: 1 })
      : (mkdirSync(dirname(config.databaseFile), { recursive: true }), openDatabase({ file: config.databaseFile }));
    const where = config.databaseUrl ? 'PostgreSQL' : 'SQLite';
    try {
      const r = await migrateToLatest(h.db);
      const applied = (r.results ?? []).filter((x) => x.status === 'Success').map((x) => x.migrationName);
      out(applied.length ? `applied (${where}): ${applied.join(', ')}` : `schema is up to date (${where})`);
      return 0;
    } finally {
      await h.close();
    }
  },
};
