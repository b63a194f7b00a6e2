import type { Db } from '../db/database.js';
import type { ImportUploadTable } from './import-upload.table.js';

export async function insertUpload(db: Db, row: ImportUploadTable): Promise<void> {
  await db.insertInto('import_uploads').values(row).execute();
}

export async function findUpload(db: Db, id: string) {
  return db.selectFrom('import_uploads').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Marks the upload applied unless it already was; false when another confirmation got there first. */
export async function claimUpload(db: Db, id: string, at: string): Promise<boolean> {
  // The records are dropped once applied: the roster itself now holds them.
  const r = await db
    .updateTable('import_uploads')
    .set({ confirmed_at: at, records: '' })
    .where('id', '=', id)
    .where('confirmed_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteUpload(db: Db, id: string): Promise<void> {
  await db.deleteFrom('import_uploads').where('id', '=', id).execute();
}

/** Drops uploads past their expiry (their records are personal data with no further use). */
export async function pruneUploads(db: Db, now: string): Promise<void> {
  await db.deleteFrom('import_uploads').where('expires_at', '<=', now).execute();
}
