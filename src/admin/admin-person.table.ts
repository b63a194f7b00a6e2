import type { Generated } from 'kysely';

/** A person of the city office. `admin`: the whole city; `opd_admin`: one OPD; `viewer`: read-only. */
export type StaffRole = 'admin' | 'opd_admin' | 'viewer';
export const STAFF_ROLES: readonly StaffRole[] = ['admin', 'opd_admin', 'viewer'];

export interface AdminTable {
  id: Generated<number>;
  name: string;
  /** E.164; the sign-in code goes to this person's chat. */
  phone: string;
  role: StaffRole;
  /** The OPD of an opd_admin; null for the others. */
  agency_id: number | null;
  created_at: string;
  disabled_at: string | null;
}

export interface AdminLoginCodeTable {
  id: Generated<number>;
  admin_id: number;
  /** HMAC-SHA256 of the code (keyed by the session secret): a copy of the database gives no code. */
  code_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface AdminSessionTable {
  /** sha256 (hex) of the random value in the cookie. */
  id_hash: string;
  admin_id: number;
  csrf: string;
  created_at: string;
  last_seen_at: string;
  ended_at: string | null;
}

export interface LoginThrottleTable {
  key: string;
  window_start: string;
  count: number;
}

export interface AdminPeopleTables {
  admins: AdminTable;
  admin_login_codes: AdminLoginCodeTable;
  admin_sessions: AdminSessionTable;
  login_throttle: LoginThrottleTable;
}
