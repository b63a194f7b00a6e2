import type { CliCommand } from '../command.js';
import { ledger } from '../../ledger/index.js';
import { openMigratedDatabase } from '../open-core-db.js';

export const ledgerCommand: CliCommand = {
  name: 'ledger',
  summary: 'ledger verify: recompute every balance from the entries; exits 1 on any difference',
  usage: 'peken ledger verify [--json]',
  async run({ config, args, options, out, err }) {
    if (args[0] !== 'verify') {
      err('usage: peken ledger verify [--json]');
      return 2;
    }
    const h = await openMigratedDatabase(config);
    try {
      const report = await ledger.verify(h.db);
      if (options.json) out(JSON.stringify(report));
      else {
        out(`${report.entries} entries, ${report.accounts} account-months`);
        for (const m of report.mismatches)
          out(
            `MISMATCH ${m.account} ${m.period}: stored ${JSON.stringify(m.stored)} vs entries ${JSON.stringify(m.recomputed)}`,
          );
        for (const b of report.brokenOrders) out(`BROKEN order ${b.orderId} on ${b.account}: steps do not add up`);
        out(report.ok ? 'ledger OK: every balance equals the sum of its entries' : 'ledger NOT OK');
      }
      return report.ok ? 0 : 1;
    } finally {
      await h.close();
    }
  },
};
