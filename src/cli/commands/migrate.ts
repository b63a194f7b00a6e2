import type { CliCommand } from '../command.js';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { openDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'apply pending database migrations',
  usage: 'peken migrate',
  async run({ config, out }) {
    mkdirSync(dirname(config.databaseFile), { recursive: true });
    const h = openDatabase({ file: config.databaseFile });
    try {
      const r = await migrateToLatest(h.db);
      const applied = (r.results ?? []).filter((x) => x.status === 'Success').map((x) => x.migrationName);
      out(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
      return 0;
    } finally {
      await h.close();
    }
  },
};
