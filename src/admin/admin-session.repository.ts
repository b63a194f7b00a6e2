import type { Db } from '../db/database.js';
import type { StaffRole } from './admin-person.table.js';

export interface LiveSessionRow {
  admin_id: number;
  csrf: string;
  last_seen_at: string;
  name: string;
  phone: string;
  role: StaffRole;
  agency_id: number | null;
}

export async function insertSession(
  db: Db,
  s: { idHash: string; adminId: number; csrf: string; at: string },
): Promise<void> {
  await db
    .insertInto('admin_sessions')
    .values({ id_hash: s.idHash, admin_id: s.adminId, csrf: s.csrf, created_at: s.at, last_seen_at: s.at })
    .execute();
}

/** The session and its person, when it has not ended, was seen after `seenAfter`, and the person is not disabled. */
export async function findLiveSession(db: Db, idHash: string, seenAfter: string): Promise<LiveSessionRow | undefined> {
  return db
    .selectFrom('admin_sessions as s')
    .innerJoin('admins as a', 'a.id', 's.admin_id')
    .select(['s.admin_id', 's.csrf', 's.last_seen_at', 'a.name', 'a.phone', 'a.role', 'a.agency_id'])
    .where('s.id_hash', '=', idHash)
    .where('s.ended_at', 'is', null)
    .where('s.last_seen_at', '>', seenAfter)
    .where('a.disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function touchSession(db: Db, idHash: string, at: string): Promise<void> {
  await db
    .updateTable('admin_sessions')
    .set({ last_seen_at: at })
    .where('id_hash', '=', idHash)
    .where('ended_at', 'is', null)
    .execute();
}

export async function endSession(db: Db, idHash: string, at: string): Promise<void> {
  await db
    .updateTable('admin_sessions')
    .set({ ended_at: at })
    .where('id_hash', '=', idHash)
    .where('ended_at', 'is', null)
    .execute();
}

export async function endSessionsOfAdmin(db: Db, adminId: number, at: string): Promise<number> {
  const r = await db
    .updateTable('admin_sessions')
    .set({ ended_at: at })
    .where('admin_id', '=', adminId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
