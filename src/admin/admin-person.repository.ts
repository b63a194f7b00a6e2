import type { Db } from '../db/database.js';
import type { StaffRole } from './admin-person.table.js';

export interface AdminRow {
  id: number;
  name: string;
  phone: string;
  role: StaffRole;
  agency_id: number | null;
  agency_code: string | null;
  created_at: string;
  disabled_at: string | null;
}

const withAgency = (db: Db) =>
  db
    .selectFrom('admins as a')
    .leftJoin('agencies as g', 'g.id', 'a.agency_id')
    .select([
      'a.id',
      'a.name',
      'a.phone',
      'a.role',
      'a.agency_id',
      'g.code as agency_code',
      'a.created_at',
      'a.disabled_at',
    ]);

export async function insertAdmin(
  db: Db,
  a: { name: string; phone: string; role: StaffRole; agencyId: number | null; at: string },
): Promise<number> {
  const r = await db
    .insertInto('admins')
    .values({ name: a.name, phone: a.phone, role: a.role, agency_id: a.agencyId, created_at: a.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function findAdminById(db: Db, id: number): Promise<AdminRow | undefined> {
  return withAgency(db).where('a.id', '=', id).executeTakeFirst();
}

export async function findAdminByPhone(db: Db, phone: string): Promise<AdminRow | undefined> {
  return withAgency(db).where('a.phone', '=', phone).executeTakeFirst();
}

export async function listAdminRows(db: Db): Promise<AdminRow[]> {
  return withAgency(db).orderBy('a.id').execute();
}

export async function setAdminDisabled(db: Db, id: number, at: string | null): Promise<void> {
  await db.updateTable('admins').set({ disabled_at: at }).where('id', '=', id).execute();
}

export async function agencyIdByCode(db: Db, code: string): Promise<number | undefined> {
  return (await db.selectFrom('agencies').select('id').where('code', '=', code).executeTakeFirst())?.id;
}

export async function agencyCodeById(db: Db, id: number): Promise<string | undefined> {
  return (await db.selectFrom('agencies').select('code').where('id', '=', id).executeTakeFirst())?.code;
}
