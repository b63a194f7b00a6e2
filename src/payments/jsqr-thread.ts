import { Worker } from 'node:worker_threads';
import jsqr from 'jsqr';

// jsqr is a webpack bundle whose typings declare an ES default export: under nodenext it lands on `.default`.
const jsQR = jsqr.default;

/**
 * Runs jsQR on one worker thread shared by the process, one picture at a time (on a 2-core host, QR reading
 * takes at most one core). The worker is started on first use, keeps the process alive only while a read
 * waits for it, and is replaced if it dies; where no worker can be started, jsQR runs here instead.
 */
let worker: Worker | null = null;
let workerBroken = false;
let nextId = 1;
const pending = new Map<number, (text: string | null) => void>();

export function decodeQr(rgba: Uint8ClampedArray, width: number, height: number): Promise<string | null> {
  const thread = workerBroken ? null : ensureWorker();
  if (!thread) return Promise.resolve(decodeHere(rgba, width, height));
  const id = nextId++;
  return new Promise((resolve) => {
    // Held while it works for us (an awaited read keeps the process alive), let go when idle.
    if (pending.size === 0) thread.ref();
    pending.set(id, resolve);
    // Transferred, not copied: the caller does not use the pixels again.
    thread.postMessage({ id, rgba, width, height }, [rgba.buffer as ArrayBuffer]);
  });
}

function ensureWorker(): Worker | null {
  if (worker) return worker;
  try {
    const started = new Worker(new URL('./jsqr.worker.mjs', import.meta.url));
    started.on('message', (reply: { id: number; text: string | null }) => {
      const resolve = pending.get(reply.id);
      pending.delete(reply.id);
      if (pending.size === 0) started.unref();
      resolve?.(reply.text);
    });
    const lost = () => {
      if (worker === started) worker = null;
      // What the dead worker held is answered as "no code"; the next read starts a new worker.
      for (const resolve of pending.values()) resolve(null);
      pending.clear();
    };
    started.on('error', () => {
      // A worker that fails (not jsQR, whose errors it catches) will fail again: jsQR runs here from now on.
      workerBroken = true;
      lost();
    });
    started.on('exit', lost);
    // After the listeners: adding a 'message' listener refs the worker's port again.
    started.unref();
    worker = started;
    return worker;
  } catch {
    workerBroken = true;
    return null;
  }
}

function decodeHere(rgba: Uint8ClampedArray, width: number, height: number): string | null {
  try {
    return jsQR(rgba, width, height, { inversionAttempts: 'dontInvert' })?.data ?? null;
  } catch {
    return null;
  }
}
