import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvCell } from '../shared/csv-cell.js';

/** How long a report of rejected rows can be downloaded. */
const KEEP_MS = 60 * 60_000;
const ID = /^[A-Za-z0-9_-]{22}$/;

/**
 * The full list of an import's rejected rows as a CSV file (line, reason), for download: the error body
 * lists only the first rows (issue 19: 50,000 bad rows made an 11 MB answer). Reasons never hold a NIP
 * (roster-import.ts). Kept in a folder of the machine's temp dir, which every server process on it shares,
 * for an hour; an unguessable id names it, and only a signed-in admin can download it (the API's auth).
 */
export function createImportReports(p: { dir?: string; clock?: () => number } = {}) {
  const dir = p.dir ?? join(tmpdir(), 'peken-import-reports');
  const now = p.clock ?? Date.now;

  async function pruneOld(): Promise<void> {
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      const file = join(dir, name);
      const info = await stat(file).catch(() => null);
      if (info && now() - info.mtimeMs > KEEP_MS) await rm(file, { force: true });
    }
  }

  return {
    /** Writes the report; returns its id. */
    async save(rows: ReadonlyArray<{ line: number; reason: string }>): Promise<string> {
      await mkdir(dir, { recursive: true });
      await pruneOld();
      const id = randomBytes(16).toString('base64url');
      const body = rows.map((r) => `${r.line},${csvCell(r.reason)}\r\n`).join('');
      await writeFile(join(dir, `${id}.csv`), `\uFEFFline,reason\r\n${body}`);
      return id;
    },
    /** The report's file, or null when the id is malformed, unknown or expired. */
    async find(id: string): Promise<string | null> {
      if (!ID.test(id)) return null;
      const file = join(dir, `${id}.csv`);
      const info = await stat(file).catch(() => null);
      return info && now() - info.mtimeMs <= KEEP_MS ? file : null;
    },
  };
}

export type ImportReports = ReturnType<typeof createImportReports>;
