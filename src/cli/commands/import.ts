import { readFile } from 'node:fs/promises';
import type { CliCommand } from '../command.js';
import { importRoster, ROSTER_COLUMNS } from '../../people/roster-import.js';
import { importShops, SHOP_COLUMNS } from '../../shops/shop-import.js';
import { systemClock } from '../../shared/clock.js';
import { openMigratedDatabase } from '../open-core-db.js';

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'import roster <file.csv> | import shops <file.csv>: all-or-nothing, re-running changes nothing',
  usage: `peken import roster <file.csv>   columns: ${ROSTER_COLUMNS.join(',')}\npeken import shops <file.csv>    columns: ${SHOP_COLUMNS.join(',')}`,
  async run({ config, args, out, err }) {
    const [what, file] = args;
    if ((what !== 'roster' && what !== 'shops') || !file) {
      err(`usage:\n${this.usage}`);
      return 2;
    }
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      err(`cannot read ${file}`);
      return 2;
    }
    const h = await openMigratedDatabase(config);
    try {
      const props = { actor: 'cli', at: systemClock.now().toISOString() };
      const r = what === 'roster' ? await importRoster(h.db, text, props) : await importShops(h.db, text, props);
      out(`${what}: ${r.inserted} added, ${r.updated} updated, ${r.unchanged} unchanged`);
      return 0;
    } finally {
      await h.close();
    }
  },
};
