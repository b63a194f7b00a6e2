import type { Db } from '../db/database.js';
import { listAudit } from './audit-log.repository.js';

/** The audit log as the admin side reads it: newest first, optionally for one entity kind. */
export function createAuditLogService(deps: { db: Db }) {
  const { db } = deps;
  return {
    list: (p: { entity?: string; limit: number; offset: number }) => listAudit(db, p),
  };
}

export type AuditLogService = ReturnType<typeof createAuditLogService>;
