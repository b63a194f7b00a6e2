import Database from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, SqliteDriver, type DatabaseConnection, type QueryResult } from 'kysely';
import { BusyWaitConnection } from './busy-wait.js';
import type { DB } from './schema.js';

/**
 * Kysely begins SQLite transactions with a deferred BEGIN: two connections that both read and then write
 * fail with SQLITE_BUSY_SNAPSHOT under concurrency. Every write transaction here reads first (caps, states),
 * so every transaction takes the write lock up front. Every statement waits for a busy database on the
 * event loop, not inside SQLite (busy-wait.ts).
 */
class ImmediateSqliteDriver extends SqliteDriver {
  readonly #busyTimeoutMs: number;
  #connection: BusyWaitConnection | null = null;
  constructor(config: ConstructorParameters<typeof SqliteDriver>[0], busyTimeoutMs: number) {
    super(config);
    this.#busyTimeoutMs = busyTimeoutMs;
  }
  override async acquireConnection(): Promise<DatabaseConnection> {
    // The driver has one connection (behind its mutex): one wrapper for it.
    const inner = await super.acquireConnection();
    this.#connection ??= new BusyWaitConnection(inner, this.#busyTimeoutMs);
    return this.#connection;
  }
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];
  readonly #busyTimeoutMs: number;
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0], busyTimeoutMs: number) {
    super(config);
    this.#config = config;
    this.#busyTimeoutMs = busyTimeoutMs;
  }
  override createDriver(): SqliteDriver {
    return new ImmediateSqliteDriver(this.#config, this.#busyTimeoutMs);
  }
}

export type Db = Kysely<DB>;

/**
 * Runs a hand-written statement through Kysely's executor, so it joins whatever transaction `db` is.
 * For the per-order hot paths (place, reserve, hold) only: building and compiling a Kysely query costs
 * more than running these small statements, and the SQL text here is constant, so the driver's
 * statement cache (below) prepares it once. Lists are passed as one JSON parameter (`json_each(?)`) for
 * the same reason: one statement text for any batch size.
 */
export function runSql<R>(db: Db, text: string, params: readonly unknown[]): Promise<QueryResult<R>> {
  return db.executeQuery<R>(CompiledQuery.raw(text, params as unknown[]));
}

export interface DatabaseHandle {
  db: Db;
  /** The raw connection (benchmarks and tests). It has no busy timeout: see busy-wait.ts. */
  sqlite: Database.Database;
  close(): Promise<void>;
}

/**
 * The subset of better-sqlite3 that Kysely's dialect uses, with prepared statements cached: Kysely
 * prepares every query anew, and preparing costs as much as running the small queries of a hold. The
 * cache forgets the least recently used statement first: queries with long `in (?, ?, …)` lists make many
 * one-off shapes, and they must not push out the hot statements that every order runs.
 */
function cachingDatabase(sqlite: Database.Database, size = 500) {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): Database.Statement {
      let stmt = cache.get(sql);
      if (stmt) {
        // Map keeps insertion order: moving a hit to the end keeps the oldest first.
        cache.delete(sql);
      } else {
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
        stmt = sqlite.prepare(sql);
      }
      cache.set(sql, stmt);
      return stmt;
    },
  };
}

/** Opens (and creates) the SQLite file with WAL, a busy timeout and foreign keys on. */
export function openDatabase(props: { file: string; busyTimeoutMs?: number }): DatabaseHandle {
  const sqlite = new Database(props.file);
  const busyTimeoutMs = props.busyTimeoutMs ?? 10_000;
  // For the pragmas below only (they run here, at open): from then on, statements wait on the event loop.
  sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL is durable across process crashes in WAL mode (only an OS crash can lose the last commits).
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // Fewer, larger checkpoints: each one fsyncs, and pages written many times are copied once.
  sqlite.pragma('wal_autocheckpoint = 10000');
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('busy_timeout = 0');
  const db = new Kysely<DB>({
    dialect: new ImmediateSqliteDialect({ database: cachingDatabase(sqlite) }, busyTimeoutMs),
  });
  return {
    db,
    sqlite,
    close: async () => {
      await db.destroy();
    },
  };
}
