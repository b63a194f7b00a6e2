// jsQR in a worker thread: a photo without a code keeps jsQR busy for up to a second of CPU, which on the main
// thread would stall every chat, webhook and queue job of the process. Plain JavaScript so that Node can start it
// without the TypeScript loader (under `npm start`, in vitest, in a built bundle alike); it only runs jsQR.
import { parentPort } from 'node:worker_threads';
import jsqr from 'jsqr';

const jsQR = typeof jsqr === 'function' ? jsqr : jsqr.default;

parentPort?.on('message', (request) => {
  let text = null;
  try {
    const code = jsQR(request.rgba, request.width, request.height, { inversionAttempts: 'dontInvert' });
    text = code ? code.data : null;
  } catch {
    // A decoder failure is as good as no code found.
  }
  parentPort?.postMessage({ id: request.id, text });
});
