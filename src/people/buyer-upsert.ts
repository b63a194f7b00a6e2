import type { Db } from '../db/database.js';
import {
  findAgencyByCode,
  findBuyerByNip,
  insertAgency,
  insertBuyer,
  renameAgency,
  updateBuyer,
} from './buyer.repository.js';

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
  let agency = await findAgencyByCode(db, r.agencyCode);
  if (!agency) {
    agency = await insertAgency(db, { code: r.agencyCode, name: r.agencyName || r.agencyCode, kelurahanCode: null });
  } else if (r.agencyName && r.agencyName !== agency.name) {
    await renameAgency(db, agency.id, r.agencyName);
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
  const existing = await findBuyerByNip(db, r.nip);
  if (!existing) {
    await insertBuyer(db, row, at);
    return 'inserted';
  }
  const same = (Object.keys(row) as (keyof typeof row)[]).every((k) => existing[k] === row[k]);
  if (same) return 'unchanged';
  await updateBuyer(db, existing.id, row, at);
  return 'updated';
}
