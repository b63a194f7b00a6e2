import type { CliCommand } from '../command.js';
import { migrateToLatest } from '../../db/migrate.js';
import { openConfiguredDatabase } from '../open-core-db.js';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'apply pending database migrations',
  usage: 'peken migrate',
  async run({ config, out }) {
    const h = openConfiguredDatabase(config);
    const where = h.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite';
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
