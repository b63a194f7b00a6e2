import { Worker } from 'node:worker_threads';

// Plain JavaScript for an eval'd worker: no loader, so it starts in milliseconds.
const PROBE = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, intervalMs } = workerData;
const times = [];
let stopping = false;
parentPort.once('message', () => (stopping = true));
(async () => {
  while (!stopping) {
    const t0 = performance.now();
    await fetch(url, { signal: AbortSignal.timeout(30000) }).then((r) => r.arrayBuffer(), () => null);
    times.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  parentPort.postMessage(times);
})();
`;

/**
 * Times a GET of `url` every `intervalMs`, in a worker thread: a load generator in the same process keeps its
 * own event loop busy, and a probe sharing that loop would time the generator's delays, not the server's.
 */
export function startHealthProbe(url: string, intervalMs = 20): { stop(): Promise<number[]> } {
  const worker = new Worker(PROBE, { eval: true, workerData: { url, intervalMs } });
  const done = new Promise<number[]>((resolve, reject) => {
    worker.once('message', (times: number[]) => resolve(times));
    worker.once('error', reject);
  });
  return {
    async stop() {
      worker.postMessage('stop');
      const times = await done;
      await worker.terminate();
      return times;
    },
  };
}
