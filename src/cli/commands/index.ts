import type { CliCommand } from '../command.js';
import { adminCommand } from './admin.js';
import { backupCommand } from './backup.js';
import { broadcastCommand } from './broadcast.js';
import { demoCommand } from './demo.js';
import { importCommand } from './import.js';
import { ledgerCommand } from './ledger.js';
import { migrateCommand } from './migrate.js';
import { quotaCommand } from './quota.js';
import { restoreCommand } from './restore.js';
import { settingsCommand } from './settings.js';
import { tokenCommand } from './token.js';

/** Every operator command. Add a command by adding its file and one line here. */
export const COMMANDS: readonly CliCommand[] = [
  migrateCommand,
  importCommand,
  demoCommand,
  ledgerCommand,
  settingsCommand,
  quotaCommand,
  tokenCommand,
  adminCommand,
  broadcastCommand,
  backupCommand,
  restoreCommand,
];
