import type { Db } from '../db/database.js';

export interface BuyerRecord {
  nip: string;
  name: string;
  phone: string;
  agencyCode: string;
  agencyName: string;
  positionClass: string;
  domicileKelurahan: string | null;
  officeKelurahan: string;
}

export type UpsertOutcome = 'inserted' | 'updated' | 'unchanged';

/** Creates or updates the buyer keyed by NIP (and its agency by code); identical data changes nothing. */
export async function upsertBuyer(db: Db, r: BuyerRecord, at: string): Promise<UpsertOutcome> {
  let agency = await db.selectFrom('agencies').selectAll().where('code', '=', r.agencyCode).executeTakeFirst();
  if (!agency) {
    agency = await db
      .insertInto('agencies')
      .values({ code: r.agencyCode, name: r.agencyName || r.agencyCode, kelurahan_code: null })
      .returningAll()
      .executeTakeFirstOrThrow();
  } else if (r.agencyName && r.agencyName !== agency.name) {
    await db.updateTable('agencies').set({ name: r.agencyName }).where('id', '=', agency.id).execute();
  }
  const row = {
    nip: r.nip,
    name: r.name,
    phone: r.phone,
    agency_id: agency.id,
    position_class: r.positionClass,
    domicile_kelurahan: r.domicileKelurahan,
    office_kelurahan: r.officeKelurahan,
  };
  const existing = await db.selectFrom('buyers').selectAll().where('nip', '=', r.nip).executeTakeFirst();
  if (!existing) {
    await db
      .insertInto('buyers')
      .values({ ...row, created_at: at, updated_at: at })
      .execute();
    return 'inserted';
  }
  const same = (Object.keys(row) as (keyof typeof row)[]).every((k) => existing[k] === row[k]);
  if (same) return 'unchanged';
  await db
    .updateTable('buyers')
    .set({ ...row, updated_at: at })
    .where('id', '=', existing.id)
    .execute();
  return 'updated';
}
