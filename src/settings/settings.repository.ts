import type { Db } from '../db/database.js';

/** The stored JSON text of one setting, or undefined when it was never set. */
export async function storedSettingValue(db: Db, key: string): Promise<string | undefined> {
  return (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

/** Every stored setting's JSON text, by key. */
export async function storedSettingValues(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('settings').selectAll().execute();
  return new Map(rows.map((r) => [r.key, r.value]));
}

export async function storeSetting(db: Db, key: string, json: string, at: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value: json, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: at }))
    .execute();
}
