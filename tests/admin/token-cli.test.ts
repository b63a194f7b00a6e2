import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tokenCommand } from '../../src/cli/commands/token.js';
import { splitArgs } from '../../src/cli/command.js';
import { parseConfig } from '../../src/config/config.js';
import { createTokenService } from '../../src/admin/token.service.js';
import { openDatabase } from '../../src/db/database.js';
import { systemClock } from '../../src/shared/clock.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'peken-token-cli-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const { args, options } = splitArgs(argv);
  const code = await tokenCommand.run({
    config: parseConfig({ DATA_DIR: dir }),
    args,
    options,
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { code, out, err };
}

describe('peken token', () => {
  it('creates a token shown once, lists it without the secret, and revokes it', async () => {
    const created = await run('create', '--name', 'kantor wali kota', '--role', 'viewer', '--days', '30');
    expect(created.code).toBe(0);
    const token = created.out[1]!;
    expect(token).toMatch(/^pk_[\w-]{43}$/);
    const listed = await run('list');
    expect(listed.out).toHaveLength(1);
    expect(listed.out[0]).toMatch(/^1\tviewer\tactive\tkantor wali kota/);
    expect(listed.out.join('\n')).not.toContain(token);
    const h = openDatabase({ file: join(dir, 'peken.db') });
    try {
      expect(await createTokenService({ db: h.db, clock: systemClock }).authenticate(token)).toMatchObject({
        role: 'viewer',
      });
      expect((await run('revoke', '1')).code).toBe(0);
      expect(await createTokenService({ db: h.db, clock: systemClock }).authenticate(token)).toBeNull();
    } finally {
      await h.close();
    }
    expect((await run('list')).out[0]).toMatch(/\trevoked\t/);
  });

  it('rejects a bad role and missing arguments', async () => {
    await expect(run('create', '--name', 'x', '--role', 'raja')).rejects.toThrow(/role/);
    expect((await run('create', '--name', 'x')).code).toBe(2);
    expect((await run('revoke', 'abc')).code).toBe(2);
    expect((await run('bogus')).code).toBe(2);
  });
});
