import type { CliCommand } from '../command.js';
import { backupDatabase } from '../../db/backup.js';
import { backupPostgres } from '../../db/pg-backup.js';

export const backupCommand: CliCommand = {
  name: 'backup',
  summary:
    'backup <file>: copy the database while the service runs (SQLite online backup, checked; pg_dump on PostgreSQL)',
  usage: 'peken backup <file>   (a new file; the service may keep running)',
  async run({ config, args, out, err }) {
    const to = args[0];
    if (!to) {
      err('usage: peken backup <file>');
      return 2;
    }
    if (config.databaseUrl) {
      const r = await backupPostgres({ url: config.databaseUrl, to });
      out(`backup written: ${r.file} (pg_dump custom format, ${r.bytes} bytes)`);
      return 0;
    }
    const r = await backupDatabase({ from: config.databaseFile, to });
    out(`backup written: ${r.file} (${r.pages} pages, ${r.bytes} bytes, integrity ok)`);
    return 0;
  },
};
