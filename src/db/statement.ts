import { CompiledQuery, type QueryResult } from 'kysely';
import type { Db } from './database.js';
import { dialectOf, type SqlDialect } from './dialect.js';

/**
 * One hand-written hot-path statement (see runSql in database.ts) in each dialect's words: SQLite's `?` and
 * `json_each(?)`, PostgreSQL's `$1` and `json_array_elements($1::json)` with casts to the column types
 * (`->>` gives text there). A lookup by a list is `x = any(array(select value from json_array_elements_text($n::json)))`
 * there, never `x in (select …)`: PostgreSQL guesses 100 rows for the function and plans the `in` as a hash
 * join over a scan of the whole table (the outbox's mark read every row it keeps, 2–16 ms a batch; see
 * isOneOf in portable-sql.ts). Both texts are constants built once at module load, and the same parameters
 * bind to both; choosing one per call is a field read and an instanceof (dialectOf), so SQLite's path costs
 * what it cost with one text.
 */
export type Statement = Readonly<Record<SqlDialect, string>>;

export function statement(texts: Statement): Statement {
  return Object.freeze({ ...texts });
}

/** Runs the statement's text for `db`'s dialect through Kysely's executor, inside whatever transaction `db` is. */
export function runStatement<R>(db: Db, s: Statement, params: readonly unknown[]): Promise<QueryResult<R>> {
  return db.executeQuery<R>(CompiledQuery.raw(s[dialectOf(db as never)], params as unknown[]));
}
