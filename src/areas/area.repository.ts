import type { Db } from '../db/database.js';
import { areaKey } from './area-key.js';

export interface AreaIndex {
  /** A kelurahan code from its code or its name (current or old spelling); null when unknown. */
  resolve(codeOrName: string): string | null;
  kelurahanName(code: string): string | undefined;
  kecamatanName(code: string): string | undefined;
}

/** Loads the 153 kelurahan (and their aliases) once: small enough to keep in memory for an import. */
export async function loadAreaIndex(db: Db): Promise<AreaIndex> {
  const kel = await db.selectFrom('kelurahan').selectAll().execute();
  const kec = await db.selectFrom('kecamatan').selectAll().execute();
  const aliases = await db.selectFrom('kelurahan_alias').selectAll().execute();
  const codes = new Set(kel.map((k) => k.code));
  const byKey = new Map<string, string>();
  for (const k of kel) byKey.set(areaKey(k.name), k.code);
  for (const a of aliases) byKey.set(a.name_key, a.kelurahan_code);
  const kelName = new Map(kel.map((k) => [k.code, k.name]));
  const kecName = new Map(kec.map((k) => [k.code, k.name]));
  return {
    resolve: (v) => {
      const s = v.trim();
      if (codes.has(s)) return s;
      return byKey.get(areaKey(s)) ?? null;
    },
    kelurahanName: (code) => kelName.get(code),
    kecamatanName: (code) => kecName.get(code),
  };
}

export async function kecamatanExists(db: Db, code: string): Promise<boolean> {
  return (await db.selectFrom('kecamatan').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;
}

/** The kecamatan by name, for a form's choices. */
export async function listKecamatan(db: Db) {
  return db.selectFrom('kecamatan').select(['code', 'name']).orderBy('name').execute();
}

/** Every kelurahan code, in order. */
export async function kelurahanCodes(db: Db): Promise<string[]> {
  return (await db.selectFrom('kelurahan').select('code').orderBy('code').execute()).map((k) => k.code);
}
