import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { listAudit } from '../../../admin/audit-log.repository.js';
import { EXPORT_KINDS, toCsv, toXlsx } from '../../../reports/index.js';
import type { AdminEnv } from '../context.js';
import { monthOf, query } from '../input.js';

export const complianceQuery = z.object({
  month: z.string().optional(),
  agencyId: z.coerce.number().int().positive().optional(),
  below: z.enum(['0', '1']).optional(),
});
export const exportParams = z.object({ kind: z.enum(EXPORT_KINDS), format: z.enum(['csv', 'xlsx']) });
export const auditQuery = z.object({
  entity: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Sends an export as a download; shared by the API and the dashboard. */
export async function sendExport(c: Context<AdminEnv>) {
  const m = /^([a-z-]+)\.([a-z]+)$/.exec(c.req.param('file') ?? '');
  const p = exportParams.safeParse({ kind: m?.[1], format: m?.[2] });
  if (!p.success) return c.json({ error: { code: 'not_found', message: `unknown export; expected ${EXPORT_KINDS.join('|')}.csv|xlsx` } }, 404);
  const { agencyId } = query(c, complianceQuery);
  const table = await c.var.services.exports.build(p.data.kind, monthOf(c), { agencyId });
  c.header('Content-Disposition', `attachment; filename="${table.name}.${p.data.format}"`);
  c.header('Cache-Control', 'no-store');
  if (p.data.format === 'csv') {
    c.header('Content-Type', 'text/csv; charset=utf-8');
    return c.body(toCsv(table));
  }
  c.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  return c.body(new Uint8Array(await toXlsx(table)));
}

/** Reports (overview, compliance, spending by kecamatan, shops near the cap), exports and the audit log. */
export function registerReportRoutes(api: Hono<AdminEnv>): void {
  api.get('/reports/overview', async (c) => c.json(await c.var.services.reports.overview(monthOf(c))));
  api.get('/reports/compliance', async (c) => c.json({ period: monthOf(c), agencies: await c.var.services.reports.complianceByAgency(monthOf(c)) }));
  api.get('/reports/compliance/buyers', async (c) => {
    const q = query(c, complianceQuery);
    return c.json({ period: monthOf(c), buyers: await c.var.services.reports.buyerCompliance(monthOf(c), { agencyId: q.agencyId, belowOnly: q.below === '1' }) });
  });
  api.get('/reports/kecamatan', async (c) => c.json({ period: monthOf(c), kecamatan: await c.var.services.reports.spendingByKecamatan(monthOf(c)) }));
  api.get('/reports/near-cap', async (c) => c.json({ period: monthOf(c), shops: await c.var.services.reports.shopsNearCap(monthOf(c)) }));
  api.get('/exports/:file', sendExport);
  api.get('/audit', async (c) => c.json({ entries: await listAudit(c.var.services.deps.db, query(c, auditQuery)) }));
}
