import type { z } from 'zod';

export type SafeParsed<T> = { success: true; data: T } | { success: false; issues: readonly string[] };

/** What an input that made the validator itself throw is told. */
export const UNREADABLE_VALUE = 'nilai tidak terbaca: diharapkan teks, angka, daftar atau objek biasa';

/**
 * `schema.safeParse`, which must not throw, but can: zod runs a length check on any object that has a
 * `length` key, also after the type check failed, and `{"length":[{"toString":"x"}]}` then throws a
 * TypeError inside zod (issue 19: a 500). Input is untrusted, so such a throw is one more way of being
 * invalid. Issues name their field (`a.b: message`), or `what` for the whole input.
 */
export function safeParse<S extends z.ZodType>(schema: S, raw: unknown, what = 'input'): SafeParsed<z.output<S>> {
  try {
    const r = schema.safeParse(raw);
    if (r.success) return { success: true, data: r.data };
    return { success: false, issues: r.error.issues.map((i) => `${i.path.join('.') || what}: ${i.message}`) };
  } catch {
    return { success: false, issues: [`${what}: ${UNREADABLE_VALUE}`] };
  }
}
