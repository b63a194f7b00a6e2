import { PostgresAdapter, type Kysely } from 'kysely';

/** Which database a Kysely instance talks to: migrations write the few statements that differ per dialect. */
export type SqlDialect = 'sqlite' | 'postgres';

export function dialectOf<T>(db: Kysely<T>): SqlDialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
