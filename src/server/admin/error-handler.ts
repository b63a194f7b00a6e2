import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ZodError } from 'zod';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ConflictError, ForbiddenError, TooManyAttemptsError } from '../../shared/domain-errors.js';
import { CodeRefusedError } from '../../admin/login.service.js';
import { OrderRefusedError } from '../../ledger/ledger.errors.js';
import { InvalidTransitionError } from '../../orders/order.errors.js';
import { NotCompletedError } from '../../receipts/index.js';
import { UploadChangedError, UploadExpiredError } from '../../imports/upload.errors.js';
import { ImportError } from '../../shared/csv.js';
import { BusyError, DomainError, NotFoundError, ValidationError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';

/** Rejected rows listed in an import's error body; the count tells how many there were. */
export const MAX_ROWS_LISTED = 200;

/** The one error body of the API. */
export interface ErrorBody {
  error: {
    code: string;
    message: string;
    issues?: readonly string[];
    rows?: ReadonlyArray<{ line: number; reason: string }>;
    rejectedCount?: number;
    report?: string;
  };
}

/** Domain and HTTP errors to a status and the error body; anything else is a 500 without details. */
export function toErrorResponse(err: unknown): { status: ContentfulStatusCode; body: ErrorBody } {
  if (err instanceof ImportError) {
    // A roster of 50,000 bad rows gave an 11 MB answer (issue 19): the first rows and the count.
    const rows = err.rows.slice(0, MAX_ROWS_LISTED);
    const more = err.rows.length - rows.length;
    const listed =
      more > 0
        ? ` (${MAX_ROWS_LISTED} pertama tercantum${err.reportUrl ? `; semua baris: ${err.reportUrl}` : ''})`
        : '';
    const message = `${err.rows.length} baris ditolak, tidak ada yang diimpor${listed}`;
    const report = err.reportUrl ? { report: err.reportUrl } : {};
    return {
      status: 422,
      body: {
        error: {
          code: 'import_rejected',
          message,
          issues: rows.map((r) => `line ${r.line}: ${r.reason}`),
          rows,
          rejectedCount: err.rows.length,
          ...report,
        },
      },
    };
  }
  if (err instanceof ValidationError)
    return { status: 422, body: { error: { code: err.code, message: err.message, issues: err.issues } } };
  if (err instanceof NotFoundError) return { status: 404, body: { error: { code: err.code, message: err.message } } };
  if (err instanceof UploadExpiredError)
    return { status: 410, body: { error: { code: err.code, message: err.message } } };
  if (
    err instanceof ConflictError ||
    err instanceof UploadChangedError ||
    err instanceof InvalidTransitionError ||
    err instanceof OrderRefusedError ||
    err instanceof NotCompletedError
  ) {
    return { status: 409, body: { error: { code: err.code, message: err.message } } };
  }
  if (err instanceof ForbiddenError) return { status: 403, body: { error: { code: err.code, message: err.message } } };
  if (err instanceof TooManyAttemptsError)
    return { status: 429, body: { error: { code: err.code, message: err.message } } };
  if (err instanceof CodeRefusedError)
    return { status: 401, body: { error: { code: err.code, message: err.message } } };
  if (err instanceof BusyError) return { status: 503, body: { error: { code: err.code, message: err.message } } };
  if (err instanceof DomainError) return { status: 400, body: { error: { code: err.code, message: err.message } } };
  // A schema's parse() that escaped a route: still the client's input, never a 500.
  if (err instanceof ZodError) {
    const issues = err.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`);
    return {
      status: 422,
      body: { error: { code: 'invalid_input', message: `input tidak valid: ${issues.join('; ')}`, issues } },
    };
  }
  if (err instanceof HTTPException) {
    const code =
      err.status === 401
        ? 'unauthorized'
        : err.status === 403
          ? 'forbidden'
          : err.status === 429
            ? 'too_many_requests'
            : err.status === 413
              ? 'too_large'
              : 'bad_request';
    return { status: err.status as ContentfulStatusCode, body: { error: { code, message: err.message || code } } };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'terjadi kesalahan di server' } } };
}

/**
 * The admin app's only error mapping: JSON for /api, a short HTML page elsewhere (the dashboard's forms).
 * Unknown errors are logged by name and message only: request bodies may carry personal data.
 */
export function createErrorHandler(logger?: Logger) {
  return (err: Error, c: Context) => {
    const { status, body } = toErrorResponse(err);
    if (err instanceof BusyError) c.header('Retry-After', String(err.retryAfterSec));
    else if (status >= 500) logger?.error({ err: { name: err.name, message: err.message } }, 'admin request failed');
    if (c.req.path.startsWith('/api/') || c.req.path === '/api') return c.json(body, status);
    const msg = body.error.message.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
    const issues = (body.error.issues ?? [])
      .map((i) => `<li>${i.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`)}</li>`)
      .join('');
    return c.html(
      `<!doctype html><html lang="id"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><link rel="stylesheet" href="/dashboard/static/style.css"><title>Kesalahan</title><main class="page"><h1>Gagal (${status})</h1><p>${msg}</p><ul>${issues}</ul><p><a href="/dashboard">Ringkasan</a></p></main></html>`,
      status,
    );
  };
}
