import type { CliCommand } from '../command.js';
import { demoBuyerPhone, demoShopPhone, seedDemoIfEmpty } from '../../demo/seed-demo.js';
import { systemClock } from '../../shared/clock.js';
import { openMigratedDatabase } from '../open-core-db.js';

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'load the demo city (about 200 ASN, 160 shops with goods) into an empty database',
  usage: 'peken demo',
  async run({ config, out, err }) {
    const h = await openMigratedDatabase(config);
    try {
      const r = await seedDemoIfEmpty(h.db, { clock: systemClock });
      if (!r) {
        err('the database already has buyers or shops: the demo only loads into an empty one (use another DATA_DIR)');
        return 1;
      }
      out(`demo city loaded: ${r.buyers} ASN, ${r.shops} shops, ${r.products} products`);
      out(`try the web chat as ASN ${demoBuyerPhone(1)} or shop owner ${demoShopPhone(1)}`);
      return 0;
    } finally {
      await h.close();
    }
  },
};
