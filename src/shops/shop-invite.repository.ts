import type { Db } from '../db/database.js';
import type { ChannelName } from '../chat/ports.js';
import { someoneAnswers } from './listing.repository.js';

/** Verified shops nobody can answer for (the listing's own rule, negated), by name. */
export async function unreachableVerifiedShops(
  db: Db,
  p: { reachableOn: readonly ChannelName[] | null; shopId?: number; limit: number },
) {
  return db
    .selectFrom('shops')
    .leftJoin('kelurahan', 'kelurahan.code', 'shops.kelurahan_code')
    .select(['shops.id', 'shops.code', 'shops.name', 'shops.invite_code', 'kelurahan.name as kelurahan_name'])
    .where('shops.status', '=', 'active')
    .where((eb) => eb.not(someoneAnswers(p.reachableOn)))
    .$if(p.shopId !== undefined, (q) => q.where('shops.id', '=', p.shopId!))
    .orderBy('shops.name')
    .orderBy('shops.id')
    .limit(p.limit)
    .execute();
}

/** Sets the code only where none is stored yet: two admins opening the page at once keep one code. */
export async function setInviteCodeIfMissing(db: Db, shopId: number, code: string): Promise<void> {
  await db
    .updateTable('shops')
    .set({ invite_code: code })
    .where('id', '=', shopId)
    .where('invite_code', 'is', null)
    .execute();
}

export async function replaceInviteCode(db: Db, shopId: number, code: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('shops')
    .set({ invite_code: code, updated_at: at })
    .where('id', '=', shopId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function inviteCodeOf(db: Db, shopId: number) {
  return db
    .selectFrom('shops')
    .select(['id', 'name', 'status', 'invite_code'])
    .where('id', '=', shopId)
    .executeTakeFirst();
}

export async function shopByInviteCode(db: Db, code: string) {
  return db.selectFrom('shops').select(['id', 'name', 'status']).where('invite_code', '=', code).executeTakeFirst();
}
