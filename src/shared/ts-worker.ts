import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

// tsx's loader hooks do not reach worker threads on Node 20 (neither `--import tsx` inherited nor passed in
// execArgv), and this project runs its TypeScript through tsx: a small CommonJS bootstrap registers tsx in
// the thread, then imports the TypeScript entry.
const TSX_API = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
const BOOTSTRAP = `const { workerData } = require('node:worker_threads');
import(workerData.tsx).then((m) => { m.register(); return import(workerData.entry); });`;

/** A worker thread running a TypeScript module; it reads its input as `workerData.data`. */
export function startTsWorker(entry: URL, data: unknown, opts: { maxHeapMb?: number } = {}): Worker {
  return new Worker(BOOTSTRAP, {
    eval: true,
    workerData: { tsx: TSX_API, entry: entry.href, data },
    resourceLimits: opts.maxHeapMb
      ? { maxOldGenerationSizeMb: opts.maxHeapMb, maxYoungGenerationSizeMb: 8 }
      : undefined,
  });
}
