import type { Generated } from 'kysely';

export interface AuditLogTable {
  id: Generated<number>;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before: string | null;
  after: string | null;
  at: string;
}
