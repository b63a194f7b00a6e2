import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { parseInput } from '../../../shared/parse-input.js';
import type { UploadedFile } from '../../../imports/read-table.js';
import type { AdminEnv } from '../context.js';
import { jsonBody } from '../input.js';

export const uploadConfirmInput = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'the sha256 the dry run returned'),
});
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The uploaded file: a multipart `file` field (its name tells CSV from XLSX, and so do its bytes), or the
 * raw body (`?name=` or the content type names it).
 */
export async function uploadedFile(c: Context<AdminEnv>): Promise<UploadedFile> {
  const type = c.req.header('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    const file = (await c.req.parseBody()).file;
    if (file instanceof File) return { name: file.name || 'upload', bytes: new Uint8Array(await file.arrayBuffer()) };
    return { name: 'upload.csv', bytes: new TextEncoder().encode(typeof file === 'string' ? file : '') };
  }
  const name = c.req.query('name') ?? (type.startsWith(XLSX_TYPE) ? 'upload.xlsx' : 'upload.csv');
  return { name, bytes: new Uint8Array(await c.req.arrayBuffer()) };
}

/** Roster and shop uploads: a dry run first (nothing written), then a confirmation that applies exactly it. */
export function registerUploadRoutes(api: Hono<AdminEnv>): void {
  api.post('/uploads/:kind', async (c) =>
    c.json(await c.var.services.uploads.dryRun(c.req.param('kind'), await uploadedFile(c), c.var.principal.actor)),
  );
  api.post('/uploads/:id/confirm', async (c) => {
    const { sha256 } = parseInput(uploadConfirmInput, await jsonBody(c), 'konfirmasi');
    return c.json(await c.var.services.uploads.confirm(c.req.param('id'), sha256, c.var.principal.actor));
  });
}
