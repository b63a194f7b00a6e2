import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/database.js';
import type { Agency, Buyer, BuyerTable } from './people.table.js';

export async function findBuyer(db: Db, id: number): Promise<Buyer | undefined> {
  return db.selectFrom('buyers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findBuyerByPhone(db: Db, phone: string): Promise<Buyer | undefined> {
  return db.selectFrom('buyers').selectAll().where('phone', '=', phone).executeTakeFirst();
}

export async function findBuyerByNip(db: Db, nip: string): Promise<Buyer | undefined> {
  return db.selectFrom('buyers').selectAll().where('nip', '=', nip).executeTakeFirst();
}

export async function findAgencyById(db: Db, id: number): Promise<Agency | undefined> {
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

/** The roster columns an import or an admin may change on a buyer. */
export type BuyerChanges = Pick<
  Updateable<BuyerTable>,
  'nip' | 'name' | 'phone' | 'agency_id' | 'position_class' | 'domicile_kelurahan' | 'office_kelurahan' | 'active'
>;

export async function findAgencyByCode(db: Db, code: string): Promise<Agency | undefined> {
  return db.selectFrom('agencies').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function insertAgency(
  db: Db,
  a: { code: string; name: string; kelurahanCode: string | null },
): Promise<Agency> {
  return db
    .insertInto('agencies')
    .values({ code: a.code, name: a.name, kelurahan_code: a.kelurahanCode })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Adds the OPD unless its code is taken (then the stored one stays as it is). */
export async function insertAgencyIfAbsent(
  db: Db,
  a: { code: string; name: string; kelurahanCode: string | null },
): Promise<void> {
  await db
    .insertInto('agencies')
    .values({ code: a.code, name: a.name, kelurahan_code: a.kelurahanCode })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}

export async function renameAgency(db: Db, id: number, name: string): Promise<void> {
  await db.updateTable('agencies').set({ name }).where('id', '=', id).execute();
}

/** The id of the buyer with this phone, if any. */
export async function buyerIdByPhone(db: Db, phone: string): Promise<number | undefined> {
  return (await db.selectFrom('buyers').select('id').where('phone', '=', phone).executeTakeFirst())?.id;
}

export async function insertBuyer(
  db: Db,
  b: Pick<
    Insertable<BuyerTable>,
    'nip' | 'name' | 'phone' | 'agency_id' | 'position_class' | 'domicile_kelurahan' | 'office_kelurahan'
  >,
  at: string,
): Promise<void> {
  await db
    .insertInto('buyers')
    .values({ ...b, created_at: at, updated_at: at })
    .execute();
}

export async function updateBuyer(db: Db, id: number, changes: BuyerChanges, at: string): Promise<void> {
  await db
    .updateTable('buyers')
    .set({ ...changes, updated_at: at })
    .where('id', '=', id)
    .execute();
}

/** Whether the roster has anyone at all (a fresh machine has no one). */
export async function hasAnyBuyer(db: Db): Promise<boolean> {
  return (await db.selectFrom('buyers').select('id').limit(1).executeTakeFirst()) !== undefined;
}
