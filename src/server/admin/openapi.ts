import { shopHoursInput } from '../../shops/shop-hours.service.js';
import { z } from 'zod';
import { addAdminInput, buyerEditInput, capInput, contactInput, registerShopInput } from '../../admin/index.js';
import { qrisInput } from '../../admin/shop-admin.service.js';
import { orderSearchInput } from '../../reports/order-search.js';
import { buyerListQuery, productListQuery, shopListQuery } from './routes/directory.js';
import { balanceQuery } from './routes/ledger.js';
import { settingBody } from './routes/settings.js';
import { auditQuery, complianceQuery } from './routes/reports.js';
import { broadcastInput, scheduleInput } from '../../broadcasts/broadcast.input.js';
import { broadcastListQuery, recipientQuery } from './routes/broadcasts.js';
import { monthQuery } from './input.js';
import { resolveInput } from './routes/review.js';
import { quotaRuleAddInput, quotaRuleChangeInput } from '../../people/quota-rule.service.js';
import { uploadConfirmInput } from './routes/uploads.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface RouteDoc {
  method: Method;
  /** OpenAPI path under /api, e.g. `/shops/{id}`. */
  path: string;
  summary: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** `text/csv` for the roster import. */
  bodyType?: string;
  /** Non-JSON success response (the exports). */
  download?: boolean;
}

/** Every API route. A test compares this list with the routes the app really serves. */
export const API_ROUTES: readonly RouteDoc[] = [
  { method: 'get', path: '/admins', summary: 'The people who sign in to the dashboard (city admins only)' },
  {
    method: 'post',
    path: '/admins',
    summary:
      'Add an admin, opd_admin (with agencyCode) or viewer; they sign in at /login with a code sent to their chat; audited',
    body: addAdminInput,
  },
  {
    method: 'post',
    path: '/admins/{id}/disable',
    summary: 'Disable an admin: their sessions and open codes end at once; audited',
  },
  { method: 'post', path: '/admins/{id}/enable', summary: 'Enable a disabled admin again; audited' },
  {
    method: 'post',
    path: '/roster/import',
    summary:
      'Import the ASN roster (CSV, all-or-nothing, one at a time off the event loop: 503 when busy; 422 lists the first 200 bad rows by line, their count and `report`, the URL of all of them)',
    bodyType: 'text/csv',
  },
  {
    method: 'get',
    path: '/roster/import/rejects/{id}',
    summary: 'Every rejected row of a roster import as CSV (line, reason), for an hour after it',
    download: true,
  },
  {
    method: 'post',
    path: '/uploads/{kind}',
    summary:
      'Dry run of a roster or shops upload (kind roster|shops; CSV or XLSX, multipart `file` or the raw body with ?name=x.xlsx): rows to add and to change, every bad row with line and reason, nothing written; returns id and sha256 to confirm within 30 minutes (id null when a row is bad)',
    bodyType: 'text/csv',
  },
  {
    method: 'post',
    path: '/uploads/{id}/confirm',
    summary:
      'Apply exactly what the dry run showed: 409 when the upload or the data changed since (or it was applied already), 410 when it expired; nothing written then',
    body: uploadConfirmInput,
  },
  {
    method: 'get',
    path: '/buyers',
    summary: 'List ASN with their committed spending and quota for a month',
    query: buyerListQuery,
  },
  {
    method: 'patch',
    path: '/buyers/{id}',
    summary: 'Edit an ASN (name, phone, OPD, position class, areas, active)',
    body: buyerEditInput,
  },
  {
    method: 'get',
    path: '/shops',
    summary: 'List shops with held and committed against their cap',
    query: shopListQuery,
  },
  { method: 'post', path: '/shops', summary: 'Register a shop (starts pending)', body: registerShopInput },
  { method: 'get', path: '/shops/{id}', summary: 'A shop with its contacts' },
  { method: 'post', path: '/shops/{id}/verify', summary: 'Verify a pending shop (pending → active)' },
  { method: 'post', path: '/shops/{id}/suspend', summary: 'Suspend a shop' },
  { method: 'post', path: '/shops/{id}/reinstate', summary: 'Reinstate a suspended shop' },
  {
    method: 'put',
    path: '/shops/{id}/cap',
    summary: 'Set or clear (null) the shop’s monthly cap override',
    body: capInput,
  },
  {
    method: 'put',
    path: '/shops/{id}/qris',
    summary:
      'Set or clear (null) the shop’s static QRIS, checked like the owner’s in chat (CRC, merchant tags), audited',
    body: qrisInput,
  },
  { method: 'post', path: '/shops/{id}/contacts', summary: 'Add an owner or helper contact', body: contactInput },
  { method: 'delete', path: '/shops/{id}/contacts/{contactId}', summary: 'Remove a helper contact' },
  { method: 'get', path: '/shops/{id}/hours', summary: 'A shop’s opening hours and whether it takes orders now (WIB)' },
  {
    method: 'put',
    path: '/shops/{id}/hours',
    summary: 'Set the shop’s opening hours (HH:MM WIB; null for both = the default), audited',
    body: shopHoursInput,
  },
  {
    method: 'get',
    path: '/reports/open-orders',
    summary: 'Orders of a month still open, with their holds (default: last month)',
    query: monthQuery,
  },
  { method: 'get', path: '/products', summary: 'List products', query: productListQuery },
  {
    method: 'get',
    path: '/orders',
    summary: 'Search orders by code, buyer, shop, status and month',
    query: orderSearchInput,
  },
  { method: 'get', path: '/orders/{key}', summary: 'An order (by id or code) with its items and ledger entries' },
  {
    method: 'get',
    path: '/orders/{key}/kuitansi.pdf',
    summary: 'A completed order’s kuitansi (receipt) as PDF, with its handover (BAST) block; 409 before completion',
    download: true,
  },
  {
    method: 'get',
    path: '/orders/{key}/events',
    summary:
      'An order’s event log (who said or did what, when, on which channel) and each side’s last payment statement',
  },
  {
    method: 'post',
    path: '/orders/{key}/resolve',
    summary:
      'Resolve an order on the review list: complete (commits the hold) or cancel (releases it), with a reason; audited',
    body: resolveInput,
  },
  {
    method: 'get',
    path: '/review',
    summary: 'The review list ("perlu ditinjau"): disputed and payment-overdue orders with both sides’ statements',
  },
  {
    method: 'get',
    path: '/ledger/balances',
    summary: 'Ledger balances per shop or buyer for a month',
    query: balanceQuery,
  },
  { method: 'get', path: '/ledger/verify', summary: 'Recompute every balance from the entries and report differences' },
  {
    method: 'get',
    path: '/quota-rules',
    summary: 'Minimum monthly spending per position class in effect in a month, with changes planned after it',
    query: monthQuery,
  },
  {
    method: 'get',
    path: '/quota-rules/history',
    summary: 'Every recorded change of the quota rules (class, effective month, minimum, who, when)',
    query: z.object({ positionClass: z.string().optional() }),
  },
  {
    method: 'post',
    path: '/quota-rules',
    summary: 'Add a position class with its minimum (then the roster may use it), audited',
    body: quotaRuleAddInput,
  },
  {
    method: 'put',
    path: '/quota-rules/{class}',
    summary: 'Change a class’s minimum from a month on (this month or later; past months keep theirs), audited',
    body: quotaRuleChangeInput,
  },
  { method: 'get', path: '/settings', summary: 'All settings' },
  { method: 'put', path: '/settings/{key}', summary: 'Set one setting (validated and audited)', body: settingBody },
  {
    method: 'get',
    path: '/reports/overview',
    summary: 'Turnover, orders by status, ASN who shopped, shops helped',
    query: monthQuery,
  },
  { method: 'get', path: '/reports/compliance', summary: 'Quota compliance by OPD', query: monthQuery },
  {
    method: 'get',
    path: '/reports/compliance/buyers',
    summary: 'ASN against their quota (below=1: only those below)',
    query: complianceQuery,
  },
  { method: 'get', path: '/reports/kecamatan', summary: 'Spending by the kecamatan of the shop', query: monthQuery },
  {
    method: 'get',
    path: '/reports/spread',
    summary:
      'How evenly shop revenue spreads: Gini, Lorenz curve, by kecamatan, shops with no order yet (with reachability), day by day',
    query: monthQuery,
  },
  {
    method: 'get',
    path: '/reports/mayor',
    summary: 'The mayor’s view: turnover and ASN at quota day by day (WIB), top and bottom OPD, shops by revenue band',
    query: monthQuery,
  },
  { method: 'get', path: '/reports/near-cap', summary: 'Shops at 80% of their cap or more', query: monthQuery },
  {
    method: 'get',
    path: '/exports/{file}',
    summary:
      'Download spj|compliance|shop-revenue as .csv or .xlsx, or spj.pdf (the recap per OPD with its handover block)',
    query: complianceQuery,
    download: true,
  },
  { method: 'get', path: '/audit', summary: 'The audit log, newest first', query: auditQuery },
  {
    method: 'get',
    path: '/broadcasts',
    summary: 'Broadcasts, newest first, with recipient counts by status',
    query: broadcastListQuery,
  },
  {
    method: 'post',
    path: '/broadcasts',
    summary:
      'Create a broadcast: segment, template (id, en optional), sendAt now|ISO time or none for a draft; an Idempotency-Key header (8–100 letters, digits, _ or -) makes a retry return the first broadcast',
    body: broadcastInput,
  },
  {
    method: 'post',
    path: '/broadcasts/preview',
    summary:
      'Recipient count, how many are on a channel no process runs now (offline, offlineChannels), and a rendered sample, without saving',
    body: broadcastInput,
  },
  {
    method: 'get',
    path: '/broadcasts/{id}',
    summary: 'A broadcast with its progress (counts from SQLite) and whether quiet hours hold it now',
  },
  {
    method: 'get',
    path: '/broadcasts/{id}/preview',
    summary:
      'Recipient count, how many are on a channel no process runs now (offline, offlineChannels), and a rendered sample of a saved broadcast',
  },
  {
    method: 'get',
    path: '/broadcasts/{id}/recipients',
    summary: 'Recipients with status and reason (queued, sending, sent, failed, blocked, unknown, cancelled)',
    query: recipientQuery,
  },
  { method: 'post', path: '/broadcasts/{id}/send', summary: 'Send a draft now (it waits while quiet hours last)' },
  {
    method: 'post',
    path: '/broadcasts/{id}/schedule',
    summary: 'Schedule a draft for a time (ISO with offset)',
    body: scheduleInput,
  },
  {
    method: 'post',
    path: '/broadcasts/{id}/cancel',
    summary: 'Cancel: no further sends; queued recipients become cancelled',
  },
];

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        issues: { type: 'array', items: { type: 'string' } },
        rows: {
          type: 'array',
          items: { type: 'object', properties: { line: { type: 'integer' }, reason: { type: 'string' } } },
        },
      },
    },
  },
};

const jsonSchema = (s: z.ZodType) =>
  z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;

/** The OpenAPI 3.1 document, built from the route list and the same zod schemas that validate requests. */
export function buildOpenApi(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const err = (d: string) => ({
    description: d,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  });
  for (const r of API_ROUTES) {
    const params: unknown[] = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    if (r.query) {
      const props = (jsonSchema(r.query).properties ?? {}) as Record<string, unknown>;
      for (const [name, schema] of Object.entries(props)) params.push({ name, in: 'query', required: false, schema });
    }
    const op: Record<string, unknown> = {
      summary: r.summary,
      security: [{ bearer: [] }],
      parameters: params,
      responses: {
        [r.method === 'post' &&
        (r.path === '/shops' || r.path === '/broadcasts' || r.path === '/quota-rules' || r.path.endsWith('/contacts'))
          ? '201'
          : r.method === 'delete'
            ? '204'
            : '200']: r.download
          ? { description: 'file download (Content-Disposition: attachment)' }
          : { description: 'OK', content: { 'application/json': { schema: { type: 'object' } } } },
        400: err('malformed request'),
        401: err('no valid token'),
        403: err('viewer tokens cannot write'),
        404: err('not found'),
        409: err('conflicts with the current state'),
        422: err('invalid input (issues) or rejected import (rows)'),
      },
    };
    if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(r.body) } } };
    if (r.bodyType)
      op.requestBody = {
        required: true,
        content: {
          [r.bodyType]: { schema: { type: 'string' } },
          'multipart/form-data': {
            schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
          },
        },
      };
    (paths[`/api${r.path}`] ??= {})[r.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'peken admin API',
      version: '1.0.0',
      description:
        'Machines: bearer tokens from `peken token create` (admin or viewer). People: the dashboard session cookie (writes send its CSRF token in X-CSRF-Token). Viewers may only read; an opd_admin reaches only its OPD (compliance, ASN, roster import, broadcasts to its ASN).',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } }, schemas: { Error: errorSchema } },
    paths,
  };
}
