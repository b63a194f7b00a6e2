import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cycles, folderOf, report } from '../../../tools/import-cycles.js';

const trees: string[] = [];
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'peken-cycles-'));
  trees.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
afterEach(() => {
  for (const root of trees.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('import cycle finder', () => {
  it('finds a cycle between two files through .js specifiers and index files', () => {
    const root = tree({
      'src/orders/a.ts': "import { b } from './b.js';\nexport const a = b;",
      'src/orders/b.ts': "export { c as b } from '../queue/index.js';",
      'src/queue/index.ts': "import { a } from '../orders/a.js';\nexport const c = a;",
    });
    const { fileCycles, folderCycles } = report(root);
    expect(fileCycles).toEqual([['src/orders/a.ts', 'src/orders/b.ts', 'src/queue/index.ts']]);
    expect(folderCycles).toEqual([['src/orders', 'src/queue']]);
  });

  it('counts a dynamic import as a value import', () => {
    const root = tree({
      'src/a/x.ts': "export const load = () => import('../b/y.js');",
      'src/b/y.ts': "import { load } from '../a/x.js';\nexport const y = load;",
    });
    expect(report(root).folderCycles).toEqual([['src/a', 'src/b']]);
  });

  it('ignores type-only imports, which are erased at run time', () => {
    const root = tree({
      'src/db/schema.ts':
        "import type { OrderRow } from '../orders/order.table.js';\nexport type Db = { o: OrderRow };",
      'src/orders/order.table.ts': "import type { Db } from '../db/schema.js';\nexport type OrderRow = { db?: Db };",
    });
    expect(report(root)).toEqual({ fileCycles: [], folderCycles: [] });
  });

  it('reports nothing for a tree that only imports downward', () => {
    const root = tree({
      'src/shared/money.ts': 'export const rp = 1;',
      'src/orders/o.ts': "import { rp } from '../shared/money.js';\nexport const o = rp;",
      'bots/flows/f.ts': "import { o } from '../../../src/orders/o.js';\nexport const f = o;",
    });
    expect(report(root)).toEqual({ fileCycles: [], folderCycles: [] });
  });

  it('keeps separate cycles apart and ignores self-loops', () => {
    expect(
      cycles([
        ['a', 'b'],
        ['b', 'a'],
        ['c', 'd'],
        ['d', 'e'],
        ['e', 'c'],
        ['f', 'f'],
      ]),
    ).toEqual([
      ['c', 'd', 'e'],
      ['a', 'b'],
    ]);
    expect(folderOf('bots/flows/texts/id.ts')).toBe('bots/flows');
    expect(folderOf('src/main.ts')).toBe('src');
  });
});
