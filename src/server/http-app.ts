import { Hono, type MiddlewareHandler } from 'hono';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import type { HealthReport } from './health.js';

export interface Mount {
  path: string;
  app: Hono<never>;
}

/**
 * The HTTP surface: /healthz here, everything else mounted by the composition root (the Telegram webhook,
 * the admin API and dashboard, the web chat), each a Hono app of its own adapter.
 */
export function createHttpApp(deps: {
  health: () => Promise<HealthReport>;
  mounts?: readonly Mount[];
  isDraining?: () => boolean;
  /**
   * Admission per route class (the web chat's intake), run first for its paths: a request that must wait or
   * is refused costs no header, session or body work.
   */
  admission?: ReadonlyArray<{ path: string; handler: MiddlewareHandler }>;
}): Hono {
  const app = new Hono();
  for (const a of deps.admission ?? []) app.use(a.path, a.handler);
  // A Content-Security-Policy (issue 19): scripts only from this origin or inline with the request's nonce
  // (the web chat's own script), so that text a person typed can never run as script in an admin's browser.
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", NONCE],
        // Inline style attributes (the WhatsApp QR's box, Bull Board) are harmless without script.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  app.get('/healthz', async (c) => {
    if (deps.isDraining?.()) return c.json({ status: 'stopping' }, 503);
    const report = await deps.health();
    return c.json(report, report.status === 'ok' ? 200 : 503);
  });
  for (const m of deps.mounts ?? []) app.route(m.path, m.app as unknown as Hono);
  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` } }, 404),
  );
  return app;
}
