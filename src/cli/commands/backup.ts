import type { CliCommand } from '../command.js';
import { backupDatabase } from '../../db/backup.js';

export const backupCommand: CliCommand = {
  name: 'backup',
  summary: 'backup <file>: copy the database while the service runs (SQLite online backup, checked)',
  usage: 'peken backup <file>   (a new file; the service may keep running)',
  async run({ config, args, out, err }) {
    const to = args[0];
    if (!to) {
      err('usage: peken backup <file>');
      return 2;
    }
    const r = await backupDatabase({ from: config.databaseFile, to });
    out(`backup written: ${r.file} (${r.pages} pages, ${r.bytes} bytes, integrity ok)`);
    return 0;
  },
};
