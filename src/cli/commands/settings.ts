import type { CliCommand } from '../command.js';
import { SETTINGS, isSettingKey } from '../../settings/settings.schema.js';
import { openCliServices } from '../open-core-db.js';

export const settingsCommand: CliCommand = {
  name: 'settings',
  summary: 'settings get [key] | settings set <key> <value>: read or change runtime settings',
  usage: `peken settings get [key]\npeken settings set <key> <value>   (value as JSON or plain text)\nkeys:\n${Object.entries(
    SETTINGS,
  )
    .map(([k, s]) => `  ${k}: ${s.help}`)
    .join('\n')}`,
  async run({ config, args, out, err }) {
    const [verb, key, value] = args;
    const h = await openCliServices(config);
    try {
      const settings = h.services.settings;
      if (verb === 'get') {
        if (key && !isSettingKey(key)) {
          err(`unknown setting ${key}; known: ${Object.keys(SETTINGS).join(', ')}`);
          return 2;
        }
        const all = await settings.all();
        for (const [k, v] of Object.entries(all)) if (!key || k === key) out(`${k} = ${JSON.stringify(v)}`);
        return 0;
      }
      if (verb === 'set' && key && value !== undefined) {
        const stored = await settings.set(key, value, 'cli');
        out(`${key} = ${JSON.stringify(stored)}`);
        return 0;
      }
      err('usage: peken settings get [key] | peken settings set <key> <value>');
      return 2;
    } finally {
      await h.close();
    }
  },
};
