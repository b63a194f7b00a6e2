import pg from 'pg';

/**
 * How many statement texts one connection keeps prepared. The service's queries are a few hundred texts, the
 * hot path's a few dozen, and they come first; a text past the bound runs unnamed, as before. Each prepared
 * statement holds its plan in the server's memory for the connection's life.
 */
const MAX_PREPARED = 256;

/** PostgreSQL's answer when a prepared statement's result columns changed under it (a migration added one). */
const CACHED_PLAN_CHANGED = '0A000';

/**
 * A pg client that prepares every statement with parameters once per connection (a named statement) and then
 * only binds and runs it. pg's default sends each as an unnamed statement that the server parses and plans
 * anew: for the pipeline's short statements that was more of the server's time than running them. Statements
 * without parameters (BEGIN, COMMIT) stay on the simple protocol.
 *
 * Kysely calls `query(text, values)`; only that form is named. If a migration run by a newer process changes
 * a table's columns, a prepared `select *` on it fails with 0A000: the name is forgotten, and a statement run
 * on its own (not in a transaction, which the failure has spoiled) is prepared again and rerun at once; in a
 * transaction the caller's retry runs it, prepared anew.
 */
export class PreparingClient extends pg.Client {
  readonly #names = new Map<string, string>();
  #next = 0;

  // pg.Client's query has a dozen overloads; this forwards every form and names one.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const [text, values, callback] = args as [unknown, unknown, unknown];
    if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0 || callback !== undefined)
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return (super.query as (...a: any[]) => any)(...args);
    const alone = this.getTransactionStatus() === 'I';
    return this.#named(text, values).catch((error: unknown) => {
      if ((error as { code?: string }).code !== CACHED_PLAN_CHANGED) throw error;
      this.#names.delete(text);
      if (!alone) throw error;
      return this.#named(text, values);
    });
  }

  #named(text: string, values: unknown[]): Promise<pg.QueryResult> {
    let name = this.#names.get(text);
    if (name === undefined && this.#names.size < MAX_PREPARED) {
      name = `peken_${this.#next++}`;
      this.#names.set(text, name);
    }
    return name === undefined ? super.query(text, values) : super.query({ name, text, values });
  }
}
