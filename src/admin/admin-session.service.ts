import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import { endSession, findLiveSession, insertSession, touchSession } from './admin-session.repository.js';
import { personActor, type Principal } from './principal.js';

/** What the dashboard keeps per signed-in request. */
export interface Session {
  adminId: number;
  /** Per-session CSRF token, echoed in a hidden field of every form (and X-CSRF-Token on the API). */
  csrf: string;
}

export interface AdminSessionService {
  /** A new session for the admin; `value` goes into the cookie and is never stored. */
  start(adminId: number): Promise<{ value: string; csrf: string }>;
  /**
   * The live session behind a cookie value, or null (unknown, signed out, idle too long, person disabled).
   * `touched`: the idle clock was reset now, so the cookie may be given a fresh lifetime too.
   */
  read(value: string | undefined): Promise<{ session: Session; principal: Principal; touched: boolean } | null>;
  /** Signs out: the session ends at once, whatever copy of the cookie is still around. */
  end(value: string | undefined): Promise<void>;
  readonly idleMs: number;
}

const hashOf = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');
const VALUE = /^[A-Za-z0-9_-]{43}$/;
/** The idle clock is written at most once a minute: reads must not become a write per request. */
const TOUCH_EVERY_MS = 60_000;

/** Server-side dashboard sessions in the database, so that several server processes share them. */
export function createAdminSessionService(deps: { db: Db; clock: Clock; idleMs?: number }): AdminSessionService {
  const idleMs = deps.idleMs ?? 8 * 3_600_000;
  return {
    idleMs,
    async start(adminId) {
      const value = randomBytes(32).toString('base64url');
      const csrf = randomBytes(18).toString('base64url');
      await insertSession(deps.db, { idHash: hashOf(value), adminId, csrf, at: deps.clock.now().toISOString() });
      return { value, csrf };
    },
    async read(value) {
      if (!value || !VALUE.test(value)) return null;
      const now = deps.clock.now();
      const idHash = hashOf(value);
      const row = await findLiveSession(deps.db, idHash, new Date(now.getTime() - idleMs).toISOString());
      if (!row) return null;
      const touched = now.getTime() - Date.parse(row.last_seen_at) >= TOUCH_EVERY_MS;
      if (touched) await touchSession(deps.db, idHash, now.toISOString());
      const principal: Principal = {
        kind: 'person',
        id: row.admin_id,
        name: row.name,
        role: row.role,
        agencyId: row.agency_id,
        actor: personActor({ role: row.role, name: row.name, phone: row.phone }),
      };
      return { session: { adminId: row.admin_id, csrf: row.csrf }, principal, touched };
    },
    async end(value) {
      if (!value || !VALUE.test(value)) return;
      await endSession(deps.db, hashOf(value), deps.clock.now().toISOString());
    },
  };
}
