import type { Db } from '../db/database.js';

export async function findBuyer(db: Db, id: number) {
  return db.selectFrom('buyers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findBuyerByPhone(db: Db, phone: string) {
  return db.selectFrom('buyers').selectAll().where('phone', '=', phone).executeTakeFirst();
}

export async function findBuyerByNip(db: Db, nip: string) {
  return db.selectFrom('buyers').selectAll().where('nip', '=', nip).executeTakeFirst();
}

export async function findAgencyById(db: Db, id: number) {
  return db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The OPD code of the ASN with this NIP, if there is one. */
export async function agencyCodeOfNip(db: Db, nip: string): Promise<string | undefined> {
  return (
    await db
      .selectFrom('buyers as b')
      .innerJoin('agencies as a', 'a.id', 'b.agency_id')
      .select('a.code')
      .where('b.nip', '=', nip)
      .executeTakeFirst()
  )?.code;
}
