import type { z } from 'zod';
import { ValidationError } from '../shared/errors.js';

/** Validates input at the service boundary; every issue names its field. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown, what: string): z.output<S> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => `${i.path.join('.') || what}: ${i.message}`);
  throw new ValidationError(`${what} tidak valid: ${issues.join('; ')}`, issues);
}
