import { agencyScope, ownAgencyRows } from '../../../admin/opd-scope.js';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { EXPORT_FORMATS, EXPORT_KINDS } from '../../../reports/index.js';
import type { AdminEnv } from '../context.js';
import { monthOf, query } from '../input.js';

export const complianceQuery = z.object({
  month: z.string().optional(),
  agencyId: z.coerce.number().int().positive().optional(),
  below: z.enum(['0', '1']).optional(),
});
export const exportParams = z.object({ kind: z.enum(EXPORT_KINDS), format: z.enum(EXPORT_FORMATS) });
export const auditQuery = z.object({
  entity: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

/**
 * Sends an export as a download; shared by the API and the dashboard. The file is written by a worker
 * thread (src/reports/export-runner.ts) and streamed from disk, so neither the event loop nor the memory
 * grows with the number of rows.
 */
export async function sendExport(c: Context<AdminEnv>) {
  const m = /^([a-z-]+)\.([a-z]+)$/.exec(c.req.param('file') ?? '');
  const p = exportParams.safeParse({ kind: m?.[1], format: m?.[2] });
  if (!p.success)
    return c.json(
      {
        error: { code: 'not_found', message: `unknown export; expected ${EXPORT_KINDS.join('|')}.csv|xlsx or spj.pdf` },
      },
      404,
    );
  if (p.data.format === 'pdf' && p.data.kind !== 'spj')
    return c.json({ error: { code: 'not_found', message: 'PDF hanya untuk spj (rekap per OPD): spj.pdf' } }, 404);
  const { agencyId } = query(c, complianceQuery);
  const defaultCap = await c.var.services.settings.get('shop_monthly_cap');
  const file = await c.var.services.exports.run(
    { kind: p.data.kind, period: monthOf(c), agencyId, defaultCap },
    p.data.format,
  );
  const stream = createReadStream(file.path);
  // Removed once sent, or when the client goes away mid-download.
  stream.once('close', () => void file.cleanup());
  c.header('Content-Disposition', `attachment; filename="${file.name}"`);
  c.header('Cache-Control', 'no-store');
  c.header('Content-Type', CONTENT_TYPES[p.data.format]);
  return c.body(Readable.toWeb(stream) as ReadableStream);
}

/** A completed order's kuitansi as a PDF download; shared by the API and the dashboard. */
export async function sendKuitansi(c: Context<AdminEnv>) {
  const file = await c.var.services.receipts.kuitansi(c.req.param('key') ?? '');
  c.header('Content-Disposition', `attachment; filename="${file.name}"`);
  c.header('Cache-Control', 'no-store');
  c.header('Content-Type', 'application/pdf');
  return c.body(file.bytes as Uint8Array<ArrayBuffer>);
}

/** Reports (overview, compliance, spending by kecamatan, shops near the cap), exports and the audit log. */
export function registerReportRoutes(api: Hono<AdminEnv>): void {
  api.get('/reports/overview', async (c) => c.json(await c.var.services.reports.overview(monthOf(c))));
  api.get('/reports/compliance', async (c) =>
    c.json({
      period: monthOf(c),
      agencies: ownAgencyRows(c.var.principal, await c.var.services.reports.complianceByAgency(monthOf(c))),
    }),
  );
  api.get('/reports/compliance/buyers', async (c) => {
    const q = query(c, complianceQuery);
    return c.json({
      period: monthOf(c),
      buyers: await c.var.services.reports.buyerCompliance(monthOf(c), {
        agencyId: agencyScope(c.var.principal, q.agencyId),
        belowOnly: q.below === '1',
      }),
    });
  });
  api.get('/reports/kecamatan', async (c) =>
    c.json({ period: monthOf(c), kecamatan: await c.var.services.reports.spendingByKecamatan(monthOf(c)) }),
  );
  api.get('/reports/spread', async (c) => c.json(await c.var.services.reports.spread(monthOf(c))));
  api.get('/reports/mayor', async (c) => c.json(await c.var.services.reports.mayorView(monthOf(c))));
  api.get('/reports/near-cap', async (c) =>
    c.json({ period: monthOf(c), shops: await c.var.services.reports.shopsNearCap(monthOf(c)) }),
  );
  api.get('/exports/:file', sendExport);
  api.get('/orders/:key/kuitansi.pdf', sendKuitansi);
  api.get('/audit', async (c) => c.json({ entries: await c.var.services.auditLog.list(query(c, auditQuery)) }));
}
