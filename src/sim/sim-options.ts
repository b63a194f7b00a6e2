import { ValidationError } from '../shared/errors.js';
import type { AreaPolicy } from '../areas/area-policy.js';
import { LISTING_POLICIES, type ListingPolicy } from '../shops/listing-policy.js';

export interface SimOptions {
  buyers: number;
  shops: number;
  seed: number;
  /** Virtual seconds per real second; 0 = chosen from the size of the run (choose-scale.ts). */
  scale: number;
  /** How agents act: through the conversation engine (as people do) or the order service directly. */
  driver: 'engine' | 'direct';
  /** Days of the month to run (a full month by default). */
  days: number;
  faults: { killWorkers: boolean; redisRestart: boolean; duplicateUpdates: boolean; flakyChat: boolean };
  /**
   * The listing policies to run, one after another on the same seed and faults, compared side by side
   * (`--listing a,b`; default least_earning then alphabetical; `--no-compare` keeps only the first).
   */
  listings: ListingPolicy[];
  /**
   * The area policy of every run (`--area kelurahan|kecamatan|city`), stored as the setting `area_policy` as an
   * admin would set it; null keeps the setting's default (kecamatan). Issue 20: where buyers may order decides
   * how far a listing can spread money between areas.
   */
  area: AreaPolicy | null;
  workers: number;
  dataDir?: string;
  /** Stop the run when it falls behind its clock (lag-watch.ts); `--no-stop-on-lag` runs on regardless. */
  stopOnLag: boolean;
  /** Median lateness (virtual minutes) that counts as behind; null = half the shop reminder time. */
  maxLagMinutes: number | null;
  /** Real seconds the lateness must stay above that before the run stops. */
  lagGraceSeconds: number;
  /** Real ms each reservation's hold transaction stalls in the workers: a slow machine, to test the stop. */
  holdDelayMs: number;
  /** Issue 14: shares of shops that accept and never deliver, and of delivered orders never confirmed paid. */
  lapses: { neverDelivers: number; neverPaid: number };
}

const FAULTS = ['kill-workers', 'redis-restart', 'duplicate-updates', 'flaky-chat'] as const;

function listingsOf(raw: string | undefined, compare: boolean): ListingPolicy[] {
  const chosen = (raw ?? 'least_earning,alphabetical').split(',').map((x) => x.trim());
  const unknown = chosen.filter((x) => !(LISTING_POLICIES as readonly string[]).includes(x));
  if (unknown.length || chosen.length === 0)
    throw new ValidationError(
      `--listing: unknown ${unknown.join(', ') || '(empty)'}; expected a comma-separated list of ${LISTING_POLICIES.join(', ')}`,
    );
  if (new Set(chosen).size !== chosen.length) throw new ValidationError(`--listing: ${raw} names a policy twice`);
  const policies = chosen as ListingPolicy[];
  return compare ? policies : policies.slice(0, 1);
}

const AREAS: readonly AreaPolicy[] = ['kelurahan', 'kecamatan', 'city'];

function areaOf(raw: string | undefined): AreaPolicy | null {
  if (raw === undefined) return null;
  const found = AREAS.find((a) => a === raw);
  if (!found) throw new ValidationError(`--area: expected ${AREAS.join(', ')}, got ${raw}`);
  return found;
}

function driverOf(raw: string): 'engine' | 'direct' {
  if (raw !== 'engine' && raw !== 'direct')
    throw new ValidationError(`--driver: expected engine or direct, got ${raw}`);
  return raw;
}

/**
 * `--buyers 13000 --shops 1100 --seed 7 --faults all|none|kill-workers,redis-restart,… --listing least_earning,fair_share --no-compare`,
 * `--area kelurahan|kecamatan|city`,
 * `--max-lag-minutes 15 --lag-grace-seconds 30 --no-stop-on-lag --hold-delay-ms 0`,
 * `--never-delivers 0.05 --never-paid 0.05`.
 */
export function parseSimOptions(argv: readonly string[]): SimOptions {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const int = (name: string, def: number, min: number, max: number) => {
    const raw = get(name);
    if (raw === undefined) return def;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new ValidationError(`--${name}: expected a whole number from ${min} to ${max}, got ${raw}`);
    return n;
  };
  const share = (name: string, def: number) => {
    const raw = get(name);
    if (raw === undefined) return def;
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1)
      throw new ValidationError(`--${name}: expected a share from 0 to 1 (0.05 = one in twenty), got ${raw}`);
    return n;
  };
  const faultsArg = get('faults') ?? 'all';
  const chosen = faultsArg === 'all' ? [...FAULTS] : faultsArg === 'none' ? [] : faultsArg.split(',');
  const unknown = chosen.filter((f) => !(FAULTS as readonly string[]).includes(f));
  if (unknown.length)
    throw new ValidationError(
      `--faults: unknown ${unknown.join(', ')}; expected all, none or a list of ${FAULTS.join(', ')}`,
    );
  return {
    buyers: int('buyers', 13_000, 10, 1_000_000),
    shops: int('shops', 1_100, 4, 100_000),
    seed: int('seed', 1, 0, 2 ** 31),
    scale: int('scale', 0, 0, 10_000_000),
    driver: driverOf(get('driver') ?? 'engine'),
    days: int('days', 31, 1, 31),
    workers: int('workers', 2, 1, 8),
    faults: {
      killWorkers: chosen.includes('kill-workers'),
      redisRestart: chosen.includes('redis-restart'),
      duplicateUpdates: chosen.includes('duplicate-updates'),
      flakyChat: chosen.includes('flaky-chat'),
    },
    listings: listingsOf(get('listing'), !argv.includes('--no-compare')),
    area: areaOf(get('area')),
    dataDir: get('data-dir'),
    stopOnLag: !argv.includes('--no-stop-on-lag'),
    maxLagMinutes: get('max-lag-minutes') === undefined ? null : int('max-lag-minutes', 0, 1, 1440),
    lagGraceSeconds: int('lag-grace-seconds', 30, 1, 3600),
    holdDelayMs: int('hold-delay-ms', 0, 0, 60_000),
    lapses: { neverDelivers: share('never-delivers', 0.05), neverPaid: share('never-paid', 0.05) },
  };
}
