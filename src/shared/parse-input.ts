import type { z } from 'zod';
import { ValidationError } from './errors.js';
import { safeParse } from './safe-parse.js';

/** Validates input at the service boundary; every issue names its field. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown, what: string): z.output<S> {
  const r = safeParse(schema, raw, what);
  if (r.success) return r.data;
  throw new ValidationError(`${what} tidak valid: ${r.issues.join('; ')}`, r.issues);
}
