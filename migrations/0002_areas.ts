import { sql, type Kysely } from 'kysely';
import { areaKey } from '../src/areas/area-key.js';
import { KELURAHAN_ALIASES, readAreaRows } from '../src/areas/area-data.js';

// Areas are reference data: they ship with the code and load with the schema, so that every database
// (tests, demo, production) has the same 31 kecamatan and 153 kelurahan.
export async function up(db: Kysely<unknown>): Promise<void> {
  const rows = readAreaRows();
  const kecamatan = new Map(rows.map((r) => [r.kecamatanCode, r.kecamatan]));
  const k = db as Kysely<{
    kecamatan: { code: string; name: string };
    kelurahan: { code: string; kecamatan_code: string; name: string };
    kelurahan_alias: { name_key: string; kelurahan_code: string };
  }>;
  await k
    .insertInto('kecamatan')
    .values([...kecamatan].map(([code, name]) => ({ code, name })))
    .execute();
  await k
    .insertInto('kelurahan')
    .values(rows.map((r) => ({ code: r.kelurahanCode, kecamatan_code: r.kecamatanCode, name: r.kelurahan })))
    .execute();
  const own = new Set(rows.map((r) => areaKey(r.kelurahan)));
  const aliases = KELURAHAN_ALIASES.filter(([alias]) => !own.has(areaKey(alias)));
  await k
    .insertInto('kelurahan_alias')
    .values(aliases.map(([alias, code]) => ({ name_key: areaKey(alias), kelurahan_code: code })))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['kelurahan_alias', 'kelurahan', 'kecamatan']) await sql`delete from ${sql.table(t)}`.execute(db);
}
