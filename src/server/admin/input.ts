import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { parseInput } from '../../shared/parse-input.js';
import { isPeriod } from '../../shared/period.js';
import type { AdminEnv } from './context.js';

/** The JSON body, or 400 when it is not JSON at all (422 is for JSON that fails validation). */
export async function jsonBody(c: Context<AdminEnv>): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new HTTPException(400, { message: 'body harus JSON' });
  }
}

export function query<S extends z.ZodType>(c: Context<AdminEnv>, schema: S): z.output<S> {
  return parseInput(schema, c.req.query(), 'query');
}

export const monthQuery = z.object({ month: z.string().refine(isPeriod, 'expected YYYY-MM').optional() });

/** `?month=YYYY-MM`, defaulting to the current month in Jakarta. */
export function monthOf(c: Context<AdminEnv>): string {
  return query(c, monthQuery).month ?? c.var.services.reports.currentPeriod();
}

export function idParam(c: Context<AdminEnv>, name = 'id'): number {
  return parseInput(z.coerce.number().int().positive(), c.req.param(name), name);
}
