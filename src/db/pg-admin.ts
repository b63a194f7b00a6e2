import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Creating and dropping whole PostgreSQL databases, for the benchmark and the tests: through the server's
 * maintenance database at `serverUrl` (postgres://user@host:port/postgres).
 */
export async function onServer<T>(serverUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`No PostgreSQL answers at ${serverUrl} (${(error as Error).message}): start it, or set PG_URL.`);
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A new empty database named `<prefix>_<random>`; returns its URL and a function that drops it. */
export async function createScratchDatabase(
  serverUrl: string,
  prefix: string,
): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, (c) => c.query(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => onServer(serverUrl, (c) => c.query(`drop database if exists ${name} with (force)`)).then(() => {}),
  };
}

/** Whether a PostgreSQL server answers at `serverUrl` (the benchmark leaves its PostgreSQL figures out if not). */
export async function postgresAnswers(serverUrl: string): Promise<boolean> {
  return onServer(serverUrl, async () => true).catch(() => false);
}
