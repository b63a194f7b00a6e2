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
