import type { Db } from '../db/database.js';

export interface AuditRecord {
  actor: string;
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  at: string;
}

/** Appends to the audit log inside the caller's transaction, so the change and its record land together. */
export async function recordAudit(db: Db, r: AuditRecord): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor: r.actor,
      action: r.action,
      entity: r.entity,
      entity_id: r.entityId == null ? null : String(r.entityId),
      before: r.before === undefined ? null : JSON.stringify(r.before),
      after: r.after === undefined ? null : JSON.stringify(r.after),
      at: r.at,
    })
    .execute();
}

/** Whether an entry with this action was recorded for this entity id (a once-only job's mark). */
export async function hasAuditEntry(db: Db, action: string, entityId: string): Promise<boolean> {
  const row = await db
    .selectFrom('audit_log')
    .select('id')
    .where('action', '=', action)
    .where('entity_id', '=', entityId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether any entry with this action was ever recorded. */
export async function hasAuditAction(db: Db, action: string): Promise<boolean> {
  return (
    (await db.selectFrom('audit_log').select('id').where('action', '=', action).limit(1).executeTakeFirst()) !==
    undefined
  );
}
