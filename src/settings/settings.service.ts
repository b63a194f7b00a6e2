import { safeParse } from '../shared/safe-parse.js';
import type { Db } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import { ValidationError } from '../shared/errors.js';
import { recordAudit } from '../audit/audit.repository.js';
import { storedSettingValue, storedSettingValues, storeSetting } from './settings.repository.js';
import { isSettingKey, SETTINGS, type SettingKey, type Settings, type SettingValue } from './settings.schema.js';

export interface SettingsService {
  get<K extends SettingKey>(key: K, db?: Db): Promise<SettingValue<K>>;
  all(db?: Db): Promise<Settings>;
  /** Validates, stores and audits; `raw` may be JSON text (from the CLI) or an already-typed value. */
  set(key: string, raw: unknown, actor: string): Promise<unknown>;
}

function parseValue(key: SettingKey, raw: unknown): unknown {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      value = raw; // plain strings such as `kecamatan` or `06:30`
    }
  }
  const parsed = safeParse(SETTINGS[key].schema, value, key);
  if (!parsed.success) {
    const why = parsed.issues.join('; ');
    throw new ValidationError(`setting ${key}: ${why} (${SETTINGS[key].help})`);
  }
  return parsed.data;
}

export function createSettingsService(deps: { db: Db; clock: Clock }): SettingsService {
  const read = async (db: Db, key: SettingKey): Promise<unknown> => {
    const value = await storedSettingValue(db, key);
    return value !== undefined ? JSON.parse(value) : SETTINGS[key].default;
  };
  return {
    async get(key, db = deps.db) {
      return (await read(db, key)) as never;
    },
    async all(db = deps.db) {
      const stored = new Map([...(await storedSettingValues(db))].map(([k, v]) => [k, JSON.parse(v) as unknown]));
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(SETTINGS) as SettingKey[]) {
        out[key] = stored.has(key) ? stored.get(key) : SETTINGS[key].default;
      }
      return out as Settings;
    },
    async set(key, raw, actor) {
      if (!isSettingKey(key)) {
        throw new ValidationError(`unknown setting ${key}; known: ${Object.keys(SETTINGS).join(', ')}`);
      }
      const value = parseValue(key, raw);
      const at = deps.clock.now().toISOString();
      await deps.db.transaction().execute(async (trx) => {
        const before = await read(trx, key);
        await storeSetting(trx, key, JSON.stringify(value), at);
        await recordAudit(trx, {
          actor,
          action: 'settings.set',
          entity: 'setting',
          entityId: key,
          before,
          after: value,
          at,
        });
      });
      return value;
    },
  };
}
