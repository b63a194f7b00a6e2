import type { CliCommand } from '../command.js';
import { restoreDatabase } from '../../db/backup.js';
import { restorePostgres } from '../../db/pg-backup.js';
import { ledger } from '../../ledger/index.js';
import { openMigratedDatabase } from '../open-core-db.js';

export const restoreCommand: CliCommand = {
  name: 'restore',
  summary: 'restore <file>: restore a backup into an empty database, migrate it, then ledger verify',
  usage: 'peken restore <file>   (the service stopped; the database empty or absent)',
  async run({ config, args, out, err }) {
    const from = args[0];
    if (!from) {
      err('usage: peken restore <file>');
      return 2;
    }
    if (config.databaseUrl) {
      await restorePostgres({ from, url: config.databaseUrl });
      out(`restored ${from} into the database at DATABASE_URL`);
    } else {
      const r = await restoreDatabase({ from, to: config.databaseFile });
      out(`restored ${from} into ${config.databaseFile} (${r.pages} pages)`);
    }
    // A backup taken by an older release is brought up to this release's schema before it is checked.
    const h = await openMigratedDatabase(config);
    try {
      const report = await ledger.verify(h.db);
      out(`${report.entries} entries, ${report.accounts} account-months`);
      out(
        report.ok ? 'ledger OK: every balance equals the sum of its entries' : 'ledger NOT OK: run peken ledger verify',
      );
      return report.ok ? 0 : 1;
    } finally {
      await h.close();
    }
  },
};
