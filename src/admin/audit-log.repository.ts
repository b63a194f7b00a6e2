import type { Db } from '../db/database.js';

/** The newest audit records first, optionally for one entity kind. */
export async function listAudit(db: Db, p: { entity?: string; limit: number; offset: number }) {
  let q = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(p.limit).offset(p.offset);
  if (p.entity) q = q.where('entity', '=', p.entity);
  return q.execute();
}
