import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { ApiTokenTable, Role } from './api-token.table.js';

/** One stored API token (its hash, never the token). */
export type ApiTokenRow = Selectable<ApiTokenTable>;

export async function insertApiToken(
  db: Db,
  t: { name: string; role: Role; tokenHash: string; createdAt: string; expiresAt: string | null },
): Promise<number> {
  const r = await db
    .insertInto('api_tokens')
    .values({ name: t.name, role: t.role, token_hash: t.tokenHash, created_at: t.createdAt, expires_at: t.expiresAt })
    .returning(['id'])
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function listApiTokens(db: Db): Promise<ApiTokenRow[]> {
  return db.selectFrom('api_tokens').selectAll().orderBy('id').execute();
}

export async function findApiToken(db: Db, id: number): Promise<ApiTokenRow | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findApiTokenByHash(db: Db, hash: string): Promise<ApiTokenRow | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
}

export async function setApiTokenRevoked(db: Db, id: number, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).execute();
}

export async function setApiTokenLastUsed(db: Db, id: number, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}
