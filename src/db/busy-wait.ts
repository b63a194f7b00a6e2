import type { CompiledQuery, DatabaseConnection, QueryResult } from 'kysely';

/**
 * SQLite's own busy handler waits for another connection's write lock by sleeping inside the call. In
 * Node that sleep stops the whole process: while the server waits for a worker process's transaction (or
 * for `peken import` running beside it), it answers no HTTP request, reads no Redis reply and renews no
 * BullMQ lock. So the connection runs with no busy timeout, and a statement that finds the database busy
 * is tried again from the event loop, for as long as the busy timeout would have waited.
 */
export class BusyWaitConnection implements DatabaseConnection {
  readonly #inner: DatabaseConnection;
  readonly #timeoutMs: number;

  constructor(inner: DatabaseConnection, timeoutMs: number) {
    this.#inner = inner;
    this.#timeoutMs = timeoutMs;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    let deadline = 0;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#inner.executeQuery<R>(query);
      } catch (error) {
        if (!isBusy(error)) throw error;
        deadline ||= Date.now() + this.#timeoutMs;
        if (Date.now() >= deadline) throw error;
      }
      await pause(attempt);
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.#inner.streamQuery<R>(query, chunkSize);
  }
}

/**
 * Busy: another connection holds the lock (or is recovering the WAL). Not SQLITE_BUSY_SNAPSHOT: a stale read
 * snapshot does not get fresher by waiting, and write transactions here begin IMMEDIATE, so it cannot occur.
 */
function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_RECOVERY';
}

/** The other connection's transactions are short: yield at once, then back off to 10 ms between tries. */
function pause(attempt: number): Promise<void> {
  return new Promise((resolve) => (attempt === 0 ? setImmediate(resolve) : setTimeout(resolve, Math.min(10, attempt))));
}
