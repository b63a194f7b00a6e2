import type { Generated } from 'kysely';
import type { Db } from '../db/database.js';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export type Role = 'admin' | 'viewer';
export const ROLES: readonly Role[] = ['admin', 'viewer'];

export interface ApiTokenTable {
  id: Generated<number>;
  name: string;
  role: Role;
  /** sha256 (hex) of the token; the token itself is shown once and never stored. */
  token_hash: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
}

export type AdminDb = Kysely<DB & { api_tokens: ApiTokenTable }>;

/**
 * The one typed cast for the admin tables until `api_tokens` joins the DB interface in src/db/schema.ts.
 * Remove it then: every caller already takes an AdminDb-compatible Db.
 */
export function adminDb(db: Db): AdminDb {
  return db as unknown as AdminDb;
}
