import type { Context, Hono } from 'hono';
import QRCode from 'qrcode';
import { z } from 'zod';
import { agencyScope, ownAgencyRows } from '../../admin/opd-scope.js';
import { orderSearchInput } from '../../reports/order-search.js';
import { parseInput } from '../../shared/parse-input.js';
import { NotFoundError } from '../../shared/errors.js';
import type { AdminEnv } from '../admin/context.js';
import { idParam, monthOf, query } from '../admin/input.js';
import { sendExport, sendKuitansi } from '../admin/routes/reports.js';
import type { View } from './layout.js';
import { AuditPage, SettingsPage, WhatsappPage } from './pages/admin-pages.js';
import { CompliancePage } from './pages/compliance.js';
import { KecamatanPage, NearCapPage } from './pages/kecamatan.js';
import { SpreadPage } from './pages/spread.js';
import { OrderDetailPage, OrdersPage } from './pages/orders.js';
import { OverviewPage } from './pages/overview.js';
import { MayorPage } from './pages/mayor.js';
import { BuyersPage, ShopPage, ShopsPage } from './pages/people.js';
import { registerBroadcastPages } from './pages/broadcasts.js';
import { registerReviewPages } from './pages/review-routes.js';
import { registerQuotaRulePages } from './pages/quota-rules.js';
import { registerUploadPages } from './pages/uploads.js';
import { registerInvitePages } from './pages/invite-routes.js';
import { registerDeadlinePages } from './pages/deadline-routes.js';

const view = (c: Context<AdminEnv>, path: string): View => ({
  principal: c.var.principal,
  csrf: c.var.session.csrf,
  month: monthOf(c),
  path,
});
const agencyQuery = z.object({
  agencyId: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().positive().optional()),
});
const listQuery = z.object({
  q: z.string().max(60).optional(),
  status: z.enum(['pending', 'active', 'suspended']).or(z.literal('')).optional(),
});
// A page of the audit log; `offset=1e21` reached SQLite as a float (issue 19).
const auditPageQuery = z.object({ offset: z.coerce.number().int().min(0).max(10_000_000).default(0) });
// Empty form fields mean "no filter".
const dropEmpty = (q: Record<string, string>) => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== ''));

/** The dashboard pages (mounted under /dashboard, behind dashboardAuth). Forms post back and redirect. */
export function registerDashboardRoutes(d: Hono<AdminEnv>): void {
  // The city-wide overview is not an opd_admin's: its start page is its OPD's compliance.
  d.get('/', async (c) =>
    c.var.principal.role === 'opd_admin'
      ? c.redirect(`/dashboard/compliance?month=${monthOf(c)}`, 303)
      : c.html(<OverviewPage view={view(c, '/dashboard')} o={await c.var.services.reports.overview(monthOf(c))} />),
  );

  d.get('/compliance', async (c) => {
    const agencyId = agencyScope(c.var.principal, query(c, agencyQuery).agencyId);
    const month = monthOf(c);
    const r = c.var.services.reports;
    const [all, below] = await Promise.all([
      r.complianceByAgency(month),
      r.buyerCompliance(month, { agencyId, belowOnly: true, limit: agencyId ? undefined : 200 }),
    ]);
    const rows = ownAgencyRows(c.var.principal, all);
    return c.html(
      <CompliancePage view={view(c, '/dashboard/compliance')} rows={rows} below={below} agencyId={agencyId} />,
    );
  });
  d.get('/mayor', async (c) =>
    c.html(<MayorPage view={view(c, '/dashboard/mayor')} m={await c.var.services.reports.mayorView(monthOf(c))} />),
  );
  d.get('/kecamatan', async (c) =>
    c.html(
      <KecamatanPage
        view={view(c, '/dashboard/kecamatan')}
        rows={await c.var.services.reports.spendingByKecamatan(monthOf(c))}
      />,
    ),
  );
  d.get('/spread', async (c) =>
    c.html(<SpreadPage view={view(c, '/dashboard/spread')} s={await c.var.services.reports.spread(monthOf(c))} />),
  );
  d.get('/near-cap', async (c) =>
    c.html(
      <NearCapPage
        view={view(c, '/dashboard/near-cap')}
        rows={await c.var.services.reports.shopsNearCap(monthOf(c))}
      />,
    ),
  );

  d.get('/orders', async (c) => {
    const f = parseInput(orderSearchInput, dropEmpty(c.req.query()), 'query');
    return c.html(
      <OrdersPage view={view(c, '/dashboard/orders')} f={f} rows={await c.var.services.reports.searchOrders(f)} />,
    );
  });
  d.get('/orders/:key/kuitansi.pdf', sendKuitansi);
  d.get('/orders/:key', async (c) => {
    const detail = await c.var.services.reports.orderDetail(c.req.param('key'));
    if (!detail) throw new NotFoundError('order', c.req.param('key'));
    return c.html(<OrderDetailPage view={view(c, '/dashboard/orders')} d={detail} />);
  });

  d.get('/buyers', async (c) => {
    const { q } = query(c, listQuery);
    const rows = await c.var.services.directory.buyers({
      q,
      agencyId: agencyScope(c.var.principal),
      period: monthOf(c),
      limit: 200,
      offset: 0,
    });
    return c.html(<BuyersPage view={view(c, '/dashboard/buyers')} q={q ?? ''} rows={rows} />);
  });
  d.get('/shops', async (c) => {
    const { q, status } = query(c, listQuery);
    const rows = await c.var.services.directory.shops({
      q,
      status: status || undefined,
      period: monthOf(c),
      limit: 200,
      offset: 0,
    });
    return c.html(<ShopsPage view={view(c, '/dashboard/shops')} q={q ?? ''} status={status ?? ''} rows={rows} />);
  });
  d.get('/shops/:id', async (c) => {
    const id = idParam(c);
    const { settings, directory, ledger } = c.var.services;
    const found = await directory.shop(id);
    if (!found) throw new NotFoundError('shop', id);
    const b = await ledger.shopBalance(id, monthOf(c));
    return c.html(
      <ShopPage
        view={view(c, '/dashboard/shops')}
        d={found}
        defaultCap={await settings.get('shop_monthly_cap')}
        held={b.held}
        committed={b.committed}
      />,
    );
  });

  // Admin actions: the service validates and audits; the page redirects back (post/redirect/get).
  const back = (c: Context<AdminEnv>, id: number) => c.redirect(`/dashboard/shops/${id}`, 303);
  d.post('/shops/:id/verify', async (c) =>
    back(c, (await c.var.services.shops.verify(idParam(c), c.var.principal.actor)).id),
  );
  d.post('/shops/:id/suspend', async (c) =>
    back(c, (await c.var.services.shops.suspend(idParam(c), c.var.principal.actor)).id),
  );
  d.post('/shops/:id/reinstate', async (c) =>
    back(c, (await c.var.services.shops.reinstate(idParam(c), c.var.principal.actor)).id),
  );
  d.post('/shops/:id/cap', async (c) => {
    const raw = String((await c.req.parseBody()).cap ?? '').replace(/[.\s]/g, '');
    const cap = raw === '' ? null : /^\d+$/.test(raw) ? Number(raw) : raw;
    return back(c, (await c.var.services.shops.setCap(idParam(c), { cap }, c.var.principal.actor)).id);
  });
  d.post('/shops/:id/qris', async (c) => {
    const form = await c.req.parseBody();
    await c.var.services.shops.setQris(
      idParam(c),
      { qris: typeof form.qris === 'string' ? form.qris : '' },
      c.var.principal.actor,
    );
    return back(c, idParam(c));
  });
  d.post('/shops/:id/contacts', async (c) => {
    const form = await c.req.parseBody();
    await c.var.services.shops.addContact(
      idParam(c),
      { name: form.name, phone: form.phone, role: form.role },
      c.var.principal.actor,
    );
    return back(c, idParam(c));
  });
  d.post('/shops/:id/contacts/:contactId/delete', async (c) => {
    await c.var.services.shops.removeContact(idParam(c), idParam(c, 'contactId'), c.var.principal.actor);
    return back(c, idParam(c));
  });

  d.get('/settings', async (c) =>
    c.html(<SettingsPage view={view(c, '/dashboard/settings')} values={await c.var.services.settings.all()} />),
  );
  d.post('/settings', async (c) => {
    const form = await c.req.parseBody();
    await c.var.services.settings.set(String(form.key ?? ''), String(form.value ?? ''), c.var.principal.actor);
    return c.redirect('/dashboard/settings', 303);
  });

  d.get('/audit', async (c) => {
    const { offset } = parseInput(auditPageQuery, dropEmpty(c.req.query()), 'query');
    const rows = await c.var.services.auditLog.list({ limit: 100, offset });
    return c.html(<AuditPage view={view(c, '/dashboard/audit')} rows={rows} offset={offset} />);
  });

  d.get('/whatsapp', async (c) => {
    const status = c.var.services.deps.whatsappStatus?.() ?? null;
    const qrSvg = status?.qr ? await QRCode.toString(status.qr, { type: 'svg', margin: 1 }) : null;
    return c.html(<WhatsappPage view={view(c, '/dashboard/whatsapp')} state={status?.state ?? null} qrSvg={qrSvg} />);
  });

  d.get('/exports/:file', sendExport);
  registerBroadcastPages(d);
  registerReviewPages(d);
  registerQuotaRulePages(d);
  registerUploadPages(d);
  registerInvitePages(d);
  registerDeadlinePages(d);
}
