import type { Kysely } from 'kysely';

// Shop invitations (issue 14, item 2): a random code per shop, the start parameter of the link and QR that
// an admin prints or sends to a shop nobody answers for yet. Random, not derived from the shop's id, so that
// nobody can make another shop's link; null until an admin first needs it; replaced when an admin regenerates it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('shops').addColumn('invite_code', 'text').execute();
  await db.schema.createIndex('shops_invite_code').on('shops').column('invite_code').unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('shops_invite_code').execute();
  await db.schema.alterTable('shops').dropColumn('invite_code').execute();
}
