import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The house rules of issue 17 (tools/eslint-house.js, wired in eslint.config.js), run through ESLint's Node API
// with the repository's own config: each rule must fire on code that breaks it and stay quiet on the same code
// where the house allows it.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot });
});

/** The house rules that fire on `code` as if it were written at `filePath` (relative to the repository). */
async function houseRules(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(repoRoot, filePath) });
  expect(result!.messages.filter((m) => m.fatal)).toEqual([]);
  return result!.messages.flatMap((m) => (m.ruleId?.startsWith('house/') ? [m.ruleId] : []));
}

const enqueueing =
  "import { Queue } from 'bullmq';\nexport const q = (c: never) => new Queue('x', { connection: c });\n";
const botPort = "import type { ChatChannel } from '../../bots/flows/ports.js';\nexport type P = ChatChannel;\n";
const jobsWing = "import { queues } from '../jobs/queues.js';\nexport const x = queues;\n";
const selecting =
  "import type { Db } from '../db/database.js';\nexport const find = (db: Db, id: string) => db.selectFrom('shop').where('id', '=', id).selectAll().executeTakeFirst();\n";
const kyselyType = "import type { Kysely } from 'kysely';\nexport type K = Kysely<object>;\n";
const sqlTag = "import { sql } from 'kysely';\nexport const one = sql<number>`select 1`;\n";

describe('house rules', () => {
  it('refuses a domain service that imports bullmq, and allows it in the jobs wing', async () => {
    expect(await houseRules(enqueueing, 'src/orders/fixture.service.ts')).toEqual(['house/domain-imports']);
    expect(await houseRules(enqueueing, 'src/jobs/fixture-queue.ts')).toEqual([]);
  });

  it('refuses a domain that imports bots/ or src/jobs by a relative path, at any depth', async () => {
    expect(await houseRules(botPort, 'src/schedule/fixture.ts')).toEqual(['house/domain-imports']);
    expect(
      await houseRules(
        `import type { X } from '../../../bots/flows/ports.js';\nexport type Y = X;\n`,
        'src/admin/deep/fixture.ts',
      ),
    ).toEqual(['house/domain-imports']);
    expect(await houseRules(jobsWing, 'src/orders/fixture.ts')).toEqual(['house/domain-imports']);
    expect(await houseRules("export const load = () => import('hono');\n", 'src/orders/fixture.ts')).toEqual([
      'house/domain-imports',
    ]);
    expect(await houseRules(botPort, 'src/app/fixture.ts')).toEqual([]);
    expect(await houseRules(jobsWing, 'src/server/fixture.ts')).toEqual([]);
  });

  it('refuses a service that calls db.selectFrom, and allows it in a repository and in src/db', async () => {
    expect(await houseRules(selecting, 'src/shops/fixture.service.ts')).toEqual(['house/sql-in-repositories']);
    expect(await houseRules(selecting, 'bots/flows/fixture.ts')).toEqual(['house/sql-in-repositories']);
    expect(await houseRules(selecting, 'src/shops/fixture.repository.ts')).toEqual([]);
    expect(await houseRules(selecting, 'src/db/fixture.ts')).toEqual([]);
  });

  it('refuses the sql tag in a route, and allows it in a migration and a repository', async () => {
    expect(await houseRules(sqlTag, 'src/server/admin/routes/fixture.ts')).toEqual(['house/sql-in-repositories']);
    expect(await houseRules(sqlTag, 'migrations/0999-fixture.ts')).toEqual([]);
    expect(await houseRules(sqlTag, 'src/orders/fixture.repository.ts')).toEqual([]);
  });

  it('refuses a common table expression outside a repository, but not Array.prototype.with', async () => {
    const cte = "export const f = (db: any) => db.with('x', (q: any) => q).withRecursive('y', (q: any) => q);\n";
    expect(await houseRules(cte, 'src/orders/fixture.service.ts')).toEqual([
      'house/sql-in-repositories',
      'house/sql-in-repositories',
    ]);
    expect(await houseRules('export const f = (xs: number[]) => xs.with(0, 1);\n', 'src/orders/fixture.ts')).toEqual(
      [],
    );
  });

  it('lets a service name the executor type and open a transaction', async () => {
    const service =
      "import type { Kysely } from 'kysely';\nexport const run = (db: Kysely<object>) => db.transaction().execute(async () => 1);\n";
    expect(await houseRules(service, 'src/orders/fixture.service.ts')).toEqual([]);
  });

  it('refuses kysely in a bot, and allows it in a repository', async () => {
    expect(await houseRules(kyselyType, 'bots/telegram/fixture.ts')).toEqual(['house/bots-no-kysely']);
    expect(await houseRules(kyselyType, 'src/orders/fixture.repository.ts')).toEqual([]);
  });

  it('keeps in legacyViolations only files that still break the rules listed for them', async () => {
    // The list may only shrink: an entry whose file was fixed (or moved away) must be removed.
    const config = (await import(pathToFileURL(resolve(repoRoot, 'eslint.config.js')).href)) as {
      legacyViolations: Record<string, string[]>;
    };
    const { default: house } = (await import(pathToFileURL(resolve(repoRoot, 'tools/eslint-house.js')).href)) as {
      default: ESLint.Plugin;
    };
    // Only the house rules, on the listed files: much faster than the whole config, and the same verdict.
    const bare = new ESLint({
      cwd: repoRoot,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tseslint.parser }, plugins: { house } },
        ...Object.entries(config.legacyViolations).map(([file, rules]) => ({
          files: [file],
          rules: Object.fromEntries(rules.map((rule) => [`house/${rule}`, 'error' as const])),
        })),
      ],
    });
    const files = Object.keys(config.legacyViolations);
    const stale: string[] = [];
    const paths = files.map((f) => resolve(repoRoot, f)).filter(existsOrStale);
    // An empty list (every file fixed) must not reach lintFiles, which lints the whole tree when given none.
    for (const result of paths.length ? await bare.lintFiles(paths) : []) {
      const file = result.filePath.slice(repoRoot.length + 1);
      const fired = new Set(result.messages.map((m) => m.ruleId?.replace('house/', '')));
      for (const rule of config.legacyViolations[file]!) if (!fired.has(rule)) stale.push(`${file}: ${rule}`);
    }
    expect(stale).toEqual([]);

    function existsOrStale(path: string): boolean {
      const found = existsSync(path);
      if (!found) stale.push(`${path.slice(repoRoot.length + 1)}: no such file`);
      return found;
    }
  });
});
