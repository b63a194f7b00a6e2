import type { Kysely } from 'kysely';

// A notice is claimed (with a lease) by the job about to send it. Two live jobs for one notice (forwarded
// to another channel's queue while the first still waited) must not both send; a sender that dies lets
// its lease run out, and the notice is sent by the next job.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('notifications').addColumn('claimed_until', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('notifications').dropColumn('claimed_until').execute();
}
