import { ConfigError, parseConfig } from '../config/config.js';
import { DomainError } from '../shared/errors.js';
import { splitArgs } from './command.js';
import { COMMANDS } from './commands/index.js';

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'peken <command> [options]   (npm run peken -- <command>)',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'peken <command> --help for its usage. Configuration comes from the environment (see README).',
  ].join('\n');
}

/** The operator CLI: exit 0 on success, 1 on a failed check or rejected input, 2 on a usage error. */
export async function runCli(argv: readonly string[], env: Record<string, string | undefined>): Promise<number> {
  const out = (l: string) => console.log(l);
  const err = (l: string) => console.error(l);
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out(help());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    err(`unknown command ${name}\n\n${help()}`);
    return 2;
  }
  const { args, options } = splitArgs(rest);
  if (options.help) {
    out(command.usage);
    return 0;
  }
  try {
    const config = parseConfig(env);
    return await command.run({ config, args, options, out, err });
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DomainError) {
      err(error.message);
      return 1;
    }
    throw error;
  }
}

runCli(process.argv.slice(2), process.env).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
