import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { Hono } from 'hono';
import { z } from 'zod';
import { ImportError } from '../../../shared/csv.js';
import { agencyScope } from '../../../admin/opd-scope.js';
import { NotFoundError } from '../../../shared/errors.js';
import type { AdminEnv } from '../context.js';
import { idParam, jsonBody, monthOf, query } from '../input.js';

const page = {
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
};
export const buyerListQuery = z.object({
  q: z.string().max(60).optional(),
  agencyId: z.coerce.number().int().positive().optional(),
  month: z.string().optional(),
  ...page,
});
export const shopListQuery = z.object({
  q: z.string().max(60).optional(),
  status: z.enum(['pending', 'active', 'suspended']).optional(),
  month: z.string().optional(),
  ...page,
});
export const productListQuery = z.object({ shopId: z.coerce.number().int().positive().optional(), ...page });

/** Roster, shops and products: reads, the roster import, buyer edits and the shop admin actions. */
export function registerDirectoryRoutes(api: Hono<AdminEnv>): void {
  api.post('/roster/import', async (c) => {
    const type = c.req.header('content-type') ?? '';
    let csv: string;
    if (type.startsWith('multipart/form-data')) {
      const file = (await c.req.parseBody()).file;
      csv = typeof file === 'string' ? file : file ? await file.text() : '';
    } else csv = await c.req.text();
    try {
      return c.json(
        await c.var.services.buyers.importRoster(
          csv,
          c.var.principal.actor,
          await c.var.services.directory.rosterScope(c.var.principal),
        ),
      );
    } catch (error) {
      if (error instanceof ImportError && error.reportId)
        error.reportUrl = `/api/roster/import/rejects/${error.reportId}`;
      throw error;
    }
  });
  // Every rejected row of an import (the error body lists the first 200), as CSV: line, reason.
  api.get('/roster/import/rejects/:id', async (c) => {
    const file = await c.var.services.buyers.rejectReport(c.req.param('id'));
    if (!file) throw new NotFoundError('import report', c.req.param('id'));
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header('content-disposition', 'attachment; filename="baris-ditolak.csv"');
    return c.body(Readable.toWeb(createReadStream(file)) as ReadableStream);
  });

  api.get('/buyers', async (c) => {
    const q = query(c, buyerListQuery);
    return c.json({
      buyers: await c.var.services.directory.buyers({
        ...q,
        agencyId: agencyScope(c.var.principal, q.agencyId),
        period: monthOf(c),
      }),
    });
  });
  api.patch('/buyers/:id', async (c) => {
    const body = await jsonBody(c);
    await c.var.services.directory.assertBuyerInScope(c.var.principal, idParam(c), body);
    const b = await c.var.services.buyers.edit(idParam(c), body, c.var.principal.actor);
    return c.json({
      buyer: {
        id: b.id,
        name: b.name,
        phone: b.phone,
        agencyId: b.agency_id,
        positionClass: b.position_class,
        domicileKelurahan: b.domicile_kelurahan,
        officeKelurahan: b.office_kelurahan,
        active: b.active === 1,
      },
    });
  });

  api.get('/shops', async (c) => {
    const q = query(c, shopListQuery);
    return c.json({ shops: await c.var.services.directory.shops({ ...q, period: monthOf(c) }) });
  });
  api.post('/shops', async (c) =>
    c.json({ shop: await c.var.services.shops.register(await jsonBody(c), c.var.principal.actor) }, 201),
  );
  api.get('/shops/:id', async (c) => {
    const found = await c.var.services.directory.shop(idParam(c));
    if (!found) throw new NotFoundError('shop', c.req.param('id'));
    return c.json(found);
  });
  api.post('/shops/:id/verify', async (c) =>
    c.json({ shop: await c.var.services.shops.verify(idParam(c), c.var.principal.actor) }),
  );
  api.post('/shops/:id/suspend', async (c) =>
    c.json({ shop: await c.var.services.shops.suspend(idParam(c), c.var.principal.actor) }),
  );
  api.post('/shops/:id/reinstate', async (c) =>
    c.json({ shop: await c.var.services.shops.reinstate(idParam(c), c.var.principal.actor) }),
  );
  api.put('/shops/:id/cap', async (c) =>
    c.json({ shop: await c.var.services.shops.setCap(idParam(c), await jsonBody(c), c.var.principal.actor) }),
  );
  api.put('/shops/:id/qris', async (c) =>
    c.json(await c.var.services.shops.setQris(idParam(c), await jsonBody(c), c.var.principal.actor)),
  );
  api.post('/shops/:id/contacts', async (c) =>
    c.json(
      { contact: await c.var.services.shops.addContact(idParam(c), await jsonBody(c), c.var.principal.actor) },
      201,
    ),
  );
  api.delete('/shops/:id/contacts/:contactId', async (c) => {
    await c.var.services.shops.removeContact(idParam(c), idParam(c, 'contactId'), c.var.principal.actor);
    return c.body(null, 204);
  });

  api.get('/products', async (c) =>
    c.json({ products: await c.var.services.directory.products(query(c, productListQuery)) }),
  );
}
