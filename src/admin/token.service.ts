import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import { recordAudit } from '../audit/audit.repository.js';
import {
  findApiToken,
  findApiTokenByHash,
  insertApiToken,
  listApiTokens,
  setApiTokenLastUsed,
  setApiTokenRevoked,
} from './api-token.repository.js';
import { ROLES, type Role } from './api-token.table.js';
import type { Principal } from './principal.js';

export type { Principal } from './principal.js';

export interface TokenInfo {
  id: number;
  name: string;
  role: Role;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface TokenService {
  /** Creates a token; the returned `token` is the only time it is ever seen. */
  create(p: {
    name: string;
    role: string;
    days?: number;
    actor: string;
  }): Promise<{ id: number; token: string; expiresAt: string | null }>;
  list(): Promise<TokenInfo[]>;
  revoke(id: number, actor: string): Promise<void>;
  /** The principal behind a presented token, or null if unknown, revoked or expired. */
  authenticate(token: string): Promise<Principal | null>;
}

const PREFIX = 'pk_';

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

// A token is a machine's: it acts for the whole city (admin) or reads (viewer), never for one OPD.
const principal = (r: { id: number; name: string; role: Role }): Principal => ({
  kind: 'token',
  id: r.id,
  name: r.name,
  role: r.role,
  agencyId: null,
  actor: `${r.role}:${r.name}#${r.id}`,
});

export function createTokenService(deps: { db: Db; clock: Clock }): TokenService {
  const db = deps.db;
  const now = () => deps.clock.now().toISOString();
  const live = (r: { expires_at: string | null; revoked_at: string | null }) =>
    !r.revoked_at && (!r.expires_at || r.expires_at > now());

  return {
    async create({ name, role, days, actor }) {
      const clean = name.trim();
      if (clean.length < 1 || clean.length > 60) throw new ValidationError('name: 1–60 characters');
      if (!ROLES.includes(role as Role)) throw new ValidationError(`role: expected ${ROLES.join(' or ')}`);
      if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 3650))
        throw new ValidationError('days: a whole number from 1 to 3650');
      const token = PREFIX + randomBytes(32).toString('base64url');
      const at = now();
      const expiresAt = days ? new Date(deps.clock.now().getTime() + days * 86_400_000).toISOString() : null;
      const id = await deps.db.transaction().execute(async (trx) => {
        const id = await insertApiToken(trx, {
          name: clean,
          role: role as Role,
          tokenHash: hashToken(token),
          createdAt: at,
          expiresAt,
        });
        await recordAudit(trx, {
          actor,
          action: 'token.create',
          entity: 'api_token',
          entityId: id,
          after: { name: clean, role, expiresAt },
          at,
        });
        return id;
      });
      return { id, token, expiresAt };
    },

    async list() {
      const rows = await listApiTokens(db);
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        role: r.role,
        createdAt: r.created_at,
        expiresAt: r.expires_at,
        revokedAt: r.revoked_at,
        lastUsedAt: r.last_used_at,
      }));
    },

    async revoke(id, actor) {
      const at = now();
      await deps.db.transaction().execute(async (trx) => {
        const r = await findApiToken(trx, id);
        if (!r) throw new NotFoundError('token', id);
        if (r.revoked_at) return;
        await setApiTokenRevoked(trx, id, at);
        await recordAudit(trx, {
          actor,
          action: 'token.revoke',
          entity: 'api_token',
          entityId: id,
          before: { revokedAt: null },
          after: { revokedAt: at },
          at,
        });
      });
    },

    async authenticate(token) {
      if (!token.startsWith(PREFIX) || token.length > 200) return null;
      const hash = hashToken(token);
      const r = await findApiTokenByHash(db, hash);
      // The lookup is by hash already; the constant-time compare guards against a future change to a prefix lookup.
      if (!r || !timingSafeEqual(Buffer.from(r.token_hash), Buffer.from(hash)) || !live(r)) return null;
      const at = now();
      // At most one write a minute per token: reads must not turn into a write per request.
      if (!r.last_used_at || r.last_used_at < new Date(Date.parse(at) - 60_000).toISOString()) {
        await setApiTokenLastUsed(db, r.id, at);
      }
      return principal(r);
    },
  };
}
