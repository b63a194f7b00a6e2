import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { registerDashboardRoutes } from '../dashboard/routes.js';
import { registerLoginRoutes } from '../dashboard/login-routes.js';
import { DASHBOARD_CSS } from '../dashboard/style.js';
import { registerWebChatRoutes } from '../web-chat/routes.js';
import { apiAuth, dashboardAuth, sameOriginWrites } from './auth.js';
import { createBullBoardApp } from './bull-board.js';
import type { AdminEnv, AdminServices } from './context.js';
import type { AdminAppDeps } from './deps.js';
import { createErrorHandler } from './error-handler.js';
import { buildOpenApi } from './openapi.js';
import { registerDirectoryRoutes } from './routes/directory.js';
import { ledgerRoutes } from './routes/ledger.js';
import { orderRoutes } from './routes/orders.js';
import { settingRoutes } from './routes/settings.js';
import { registerReportRoutes } from './routes/reports.js';
import { registerBroadcastRoutes } from './routes/broadcasts.js';
import { registerDeadlineRoutes } from './routes/deadlines.js';
import { registerReviewRoutes } from './routes/review.js';
import { registerStaffRoutes } from './routes/staff.js';
import { registerQuotaRuleRoutes } from './routes/quota-rules.js';
import { registerUploadRoutes } from './routes/uploads.js';

export type { AdminAppDeps, WhatsappStatus } from './deps.js';

/**
 * The admin side as one Hono app, mounted at `/` by the composition root: the JSON API (`/api/*`, bearer
 * tokens), the dashboard (`/dashboard/*`, `/login` by a code sent to the admin's chat, sessions kept in the database), Bull Board (`/admin/queues`,
 * admins only) and the web chat (`/chat`).
 */
export function createAdminApp(deps: AdminAppDeps): Hono<never> {
  const services: AdminServices = { ...deps.services, deps };

  const app = new Hono<AdminEnv>();
  app.onError(createErrorHandler(deps.logger));
  app.use('*', async (c, next) => {
    c.set('services', services);
    await next();
  });
  // Roster files of 13,000 rows are about 2 MB; 10 MB leaves room and still stops a runaway upload.
  app.use(
    '*',
    bodyLimit({
      maxSize: 10 * 1024 * 1024,
      onError: () => {
        throw new HTTPException(413, { message: 'body terlalu besar (maks. 10 MB)' });
      },
    }),
  );

  const openapi = buildOpenApi();
  app.get('/api/openapi.json', (c) => c.json(openapi));
  const api = new Hono<AdminEnv>();
  api.use('*', apiAuth);
  registerDirectoryRoutes(api);
  api.route('/orders', orderRoutes());
  api.route('/ledger', ledgerRoutes());
  api.route('/settings', settingRoutes());
  registerReportRoutes(api);
  registerBroadcastRoutes(api);
  registerDeadlineRoutes(api);
  registerReviewRoutes(api);
  registerQuotaRuleRoutes(api);
  registerUploadRoutes(api);
  registerStaffRoutes(api);
  api.all('*', (c) =>
    c.json({ error: { code: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` } }, 404),
  );
  app.route('/api', api);

  app.get('/dashboard/static/style.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(DASHBOARD_CSS);
  });
  registerLoginRoutes(app);
  const dashboard = new Hono<AdminEnv>();
  dashboard.use('*', dashboardAuth());
  registerDashboardRoutes(dashboard);
  app.route('/dashboard', dashboard);

  if (deps.queues?.length) {
    const board = createBullBoardApp({ queues: deps.queues, basePath: '/admin/queues' });
    app.use('/admin/queues', dashboardAuth({ adminOnly: true, csrf: false }), sameOriginWrites);
    app.use('/admin/queues/*', dashboardAuth({ adminOnly: true, csrf: false }), sameOriginWrites);
    app.route('/admin/queues', board as unknown as Hono<AdminEnv>);
  }

  registerWebChatRoutes(app);
  app.get('/', (c) => c.redirect('/dashboard', 302));
  return app as unknown as Hono<never>;
}
