import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openPostgres, type PostgresHandle } from '../../src/db/postgres.js';
import { createPgTestDb, type PgTestDb } from '../support/postgres.js';

// Every statement with parameters is prepared once per connection and then only bound and run (pg's unnamed
// statements were parsed and planned anew each time, more of the server's time than running the pipeline's
// short statements). A prepared `select *` whose table gained a column (a newer process migrated) must not
// keep failing.

let t: PgTestDb;
let h: PostgresHandle;
beforeAll(async () => {
  t = await createPgTestDb();
  await sql`create table notes (id bigint primary key, body text not null)`.execute(t.db);
  await sql`insert into notes values (1, 'satu'), (2, 'dua')`.execute(t.db);
  h = openPostgres({ url: t.url, max: 1 });
});
afterAll(async () => {
  await h?.close();
  await t?.cleanup();
});

const prepared = async () =>
  (
    await sql<{ statement: string }>`select statement from pg_prepared_statements where ${1} = 1 order by name`.execute(
      h.db,
    )
  ).rows.map((r) => r.statement);

describe('statements on PostgreSQL', () => {
  it('are prepared once per connection and run again by name', async () => {
    for (const id of [1, 2, 1]) {
      const r = await h.db
        .selectFrom('notes' as never)
        .selectAll()
        .where('id' as never, '=', id as never)
        .execute();
      expect(r).toHaveLength(1);
    }
    const texts = await prepared();
    expect(texts.filter((s) => s.includes('from "notes"'))).toEqual(['select * from "notes" where "id" = $1']);
    // Without parameters (BEGIN, COMMIT, this test's setup) a statement stays unnamed.
    expect(texts.some((s) => /^begin/i.test(s))).toBe(false);
  });

  it('are prepared again when a table gains a column under them', async () => {
    const read = () => sql<Record<string, unknown>>`select * from notes where id = ${1}`.execute(h.db);
    expect((await read()).rows).toEqual([{ id: 1, body: 'satu' }]);
    await sql`alter table notes add column tag text not null default 'baru'`.execute(t.db);
    // On its own the statement is prepared again and answers at once.
    expect((await read()).rows).toEqual([{ id: 1, body: 'satu', tag: 'baru' }]);
    // In a transaction the failure spoils the transaction, so the caller's retry must succeed.
    await sql`alter table notes add column seen boolean not null default false`.execute(t.db);
    const inTrx = () => h.db.transaction().execute((trx) => sql`select * from notes where id = ${2}`.execute(trx));
    await expect(inTrx()).rejects.toThrow(/cached plan must not change result type/);
    expect((await inTrx()).rows).toEqual([{ id: 2, body: 'dua', tag: 'baru', seen: false }]);
  });
});
