import { sql, type RawBuilder } from 'kysely';
import type { Db } from './database.js';
import { dialectOf } from './dialect.js';

// The few SQL fragments that SQLite and PostgreSQL spell differently, for queries built with Kysely's `sql`
// template in the repositories (the per-order hot path has whole statement pairs instead: statement.ts).

/**
 * `column` is one of `values` (a JSON list of strings: one parameter for any list length). PostgreSQL gets
 * `= any(array(select …))`, not `in (select …)`: it guesses 100 rows for the function and plans the `in` as a
 * hash join over a scan of the whole table, where the array is an index lookup per value.
 */
export function isOneOf(db: Db, column: string, values: readonly string[]): RawBuilder<boolean> {
  const json = JSON.stringify(values);
  return dialectOf(db as never) === 'postgres'
    ? sql<boolean>`${sql.ref(column)} = any(array(select value from json_array_elements_text(${json}::json)))`
    : sql<boolean>`${sql.ref(column)} in (select value from json_each(${json}))`;
}

/**
 * The WIB (UTC+7, no daylight saving) calendar day, 'YYYY-MM-DD', of an ISO timestamp stored as text: the
 * day an entry counts on in the mayor's reports.
 */
export function wibDay(db: Db, column: string): RawBuilder<string> {
  return dialectOf(db as never) === 'postgres'
    ? sql<string>`to_char(${sql.ref(column)}::timestamptz at time zone 'Asia/Jakarta', 'YYYY-MM-DD')`
    : sql<string>`date(${sql.ref(column)}, '+7 hours')`;
}
