import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from './api-token.table.js';

/** What a dashboard session cookie carries, signed: no server-side session store to lose or sync. */
export interface Session {
  tokenId: number;
  role: Role;
  /** Per-session CSRF token, echoed in a hidden field of every form. */
  csrf: string;
  /** Expiry, epoch milliseconds. */
  exp: number;
}

export interface SessionCodec {
  issue(p: { tokenId: number; role: Role; nowMs: number }): { value: string; session: Session };
  /** The session, or null when the signature is wrong, the value malformed or the session expired. */
  read(value: string | undefined, nowMs: number): Session | null;
  readonly ttlMs: number;
}

/** HMAC-SHA256 signed `payload.signature`, both base64url. */
export function createSessionCodec(p: { secret: string; ttlMs: number }): SessionCodec {
  if (p.secret.length < 32) throw new Error('session secret: at least 32 characters');
  const sign = (payload: string) => createHmac('sha256', p.secret).update(payload).digest('base64url');
  return {
    ttlMs: p.ttlMs,
    issue({ tokenId, role, nowMs }) {
      const session: Session = { tokenId, role, csrf: randomBytes(18).toString('base64url'), exp: nowMs + p.ttlMs };
      const payload = Buffer.from(JSON.stringify(session)).toString('base64url');
      return { value: `${payload}.${sign(payload)}`, session };
    },
    read(value, nowMs) {
      if (!value || value.length > 1000) return null;
      const [payload, signature] = value.split('.');
      if (!payload || !signature) return null;
      const expected = Buffer.from(sign(payload));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
      try {
        const s = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Session;
        if (typeof s.exp !== 'number' || s.exp <= nowMs || typeof s.csrf !== 'string' || typeof s.tokenId !== 'number') return null;
        return s;
      } catch {
        return null;
      }
    },
  };
}

/** Constant-time string comparison for CSRF tokens. */
export function sameSecret(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
