import type { StaffRole } from './admin-person.table.js';

/**
 * Who is acting: a person of the city office signed in on the dashboard, or a machine's API token.
 * `actor` is what the audit log records: the person by name and phone, a token by name and id.
 */
export interface Principal {
  kind: 'person' | 'token';
  id: number;
  name: string;
  role: StaffRole;
  /** The OPD an opd_admin acts for; null for everyone else. */
  agencyId: number | null;
  actor: string;
}

export const personActor = (p: { role: StaffRole; name: string; phone: string }): string =>
  `${p.role}:${p.name} (${p.phone})`;
