// Finds import cycles between files and between feature folders (issue 17). A file cycle makes module
// initialisation order fragile; a folder cycle means two features cannot be understood, tested or moved apart.
// Only value imports count: type-only imports are erased at run time, and one of them is by design (src/db's
// schema gathers every feature's table types, as in Kysely's example service). Usage: `npm run cycles` (exit code 1 when any cycle is found; `--json` for tooling).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export type ImportEdge = { from: string; to: string; typeOnly: boolean };

const ROOTS = ['src', 'bots', 'migrations'];
const SPEC = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]/g;
const DYNAMIC = /\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Maps an import specifier written with a `.js` suffix back to the source file that exists. */
function resolveSpecifier(fromFile: string, spec: string, known: Set<string>): string | undefined {
  const base = resolve(dirname(fromFile), spec);
  const stem = base.replace(/\.(js|jsx|ts|tsx)$/, '');
  for (const candidate of [`${stem}.ts`, `${stem}.tsx`, join(base, 'index.ts')]) {
    if (known.has(candidate)) return candidate;
  }
  return undefined;
}

export function importEdges(repoRoot: string): ImportEdge[] {
  const files = ROOTS.flatMap((r) => {
    try {
      return sourceFiles(join(repoRoot, r));
    } catch {
      return [];
    }
  }).map((f) => resolve(f));
  const known = new Set(files);
  const edges: ImportEdge[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const add = (spec: string, typeOnly: boolean) => {
      const target = resolveSpecifier(file, spec, known);
      if (target && target !== file) {
        edges.push({ from: relative(repoRoot, file), to: relative(repoRoot, target), typeOnly });
      }
    };
    for (const m of text.matchAll(SPEC)) add(m[3]!, Boolean(m[2]));
    for (const m of text.matchAll(DYNAMIC)) add(m[1]!, false);
  }
  return edges;
}

/** The feature folder of a file: `src/orders/x.ts` → `src/orders`, `bots/flows/texts/id.ts` → `bots/flows`. */
export function folderOf(file: string): string {
  const parts = file.split('/');
  return parts.length > 2 ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Strongly connected components with more than one member (Tarjan), each sorted, largest first. */
export function cycles(edges: Array<[string, string]>): string[][] {
  const graph = new Map<string, string[]>();
  for (const [a, b] of edges) {
    if (a === b) continue;
    graph.set(a, [...(graph.get(a) ?? []), b]);
    if (!graph.has(b)) graph.set(b, []);
  }
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  // Iterative Tarjan: the repository's deepest import chains would otherwise be limited by the call stack.
  for (const start of graph.keys()) {
    if (idx.has(start)) continue;
    const work: Array<{ node: string; next: number }> = [{ node: start, next: 0 }];
    idx.set(start, index);
    low.set(start, index++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const targets = graph.get(frame.node)!;
      if (frame.next < targets.length) {
        const t = targets[frame.next++]!;
        if (!idx.has(t)) {
          idx.set(t, index);
          low.set(t, index++);
          stack.push(t);
          onStack.add(t);
          work.push({ node: t, next: 0 });
        } else if (onStack.has(t)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, idx.get(t)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === idx.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        if (component.length > 1) found.push(component.sort());
      }
    }
  }
  return found.sort((a, b) => b.length - a.length);
}

export function report(repoRoot: string): { fileCycles: string[][]; folderCycles: string[][] } {
  const edges = importEdges(repoRoot);
  const values = edges.filter((e) => !e.typeOnly);
  const fileCycles = cycles(values.map((e) => [e.from, e.to]));
  const folderCycles = cycles(values.map((e) => [folderOf(e.from), folderOf(e.to)]));
  return { fileCycles, folderCycles };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = report(process.cwd());
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(result));
  } else {
    for (const c of result.fileCycles) console.log(`file cycle (${c.length}): ${c.join(' → ')}`);
    for (const c of result.folderCycles) console.log(`folder cycle (${c.length}): ${c.join(' ↔ ')}`);
    console.log(`${result.fileCycles.length} file cycles, ${result.folderCycles.length} folder cycles`);
  }
  process.exitCode = result.fileCycles.length + result.folderCycles.length > 0 ? 1 : 0;
}
