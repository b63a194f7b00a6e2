import type { Config } from '../config/config.js';

/** What a CLI command gets: parsed config, its arguments, and where to print. */
export interface CliContext {
  config: Config;
  args: readonly string[];
  /** `--name value` / `--flag` options after the command words. */
  options: Readonly<Record<string, string | true>>;
  out: (line: string) => void;
  err: (line: string) => void;
}

export interface CliCommand {
  name: string;
  /** One line for `peken --help`. */
  summary: string;
  /** Shown by `peken <name> --help`. */
  usage: string;
  /** Returns the exit code. */
  run(ctx: CliContext): Promise<number>;
}

/** Splits argv into positional words and `--key value` / `--flag` options. */
export function splitArgs(argv: readonly string[]): { args: string[]; options: Record<string, string | true> } {
  const args: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const [k, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
      const nextArg = argv[i + 1];
      if (inline !== undefined) options[k] = inline;
      else if (nextArg !== undefined && !nextArg.startsWith('--')) options[k] = argv[++i]!;
      else options[k] = true;
    } else args.push(a);
  }
  return { args, options };
}
