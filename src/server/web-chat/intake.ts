import type { MiddlewareHandler } from 'hono';
import type { IntakeGate } from './intake-gate.js';

/** What a refused client is told to wait before it sends again (the page backs off from here). */
export const BUSY_RETRY_AFTER_SEC = 2;

/** The web chat's routes that run the engine or read the whole demo directory: the ones a flood is made of. */
const GATED: ReadonlyArray<{ method: string; path: string }> = [
  { method: 'GET', path: '/chat' },
  { method: 'POST', path: '/chat/api/send' },
  { method: 'POST', path: '/chat/api/photo' },
];

/**
 * The web chat's admission, to be run by the HTTP app before anything else (no body read, no session looked
 * up): a request waits for its turn at the gate, or is refused with 503 and Retry-After when the line is full.
 * A 503 means nothing was accepted: the page sends the message again after Retry-After. A request let in gets
 * `passTurn` in its context, to give the loop back in its middle (routes.tsx, before the engine and the reply).
 */
export function webChatIntake(gate: IntakeGate): Array<{ path: string; handler: MiddlewareHandler }> {
  return GATED.map(({ method, path }) => ({
    path,
    handler: async (c, next) => {
      if (c.req.method !== method) return next();
      const entered = gate.enter(c.req.raw.signal);
      const release = entered ? await entered : null;
      if (!release) {
        const headers = { 'Retry-After': String(BUSY_RETRY_AFTER_SEC), 'Cache-Control': 'no-store' };
        const message = 'server sedang sibuk: pesan belum diterima, kirim lagi sebentar lagi';
        return method === 'GET'
          ? c.text(`${message} (muat ulang halaman)`, 503, headers)
          : c.json({ error: { code: 'busy', message } }, 503, headers);
      }
      c.set('passTurn', () => gate.pass());
      try {
        await next();
      } finally {
        release();
      }
    },
  }));
}
