import type { Db } from './database.js';

/**
 * Runs `fn` for every item in one write transaction, so that the commit (SQLite's main cost per write) is
 * paid once for the batch. If any item throws, the batch is rolled back and each item is redone in a
 * transaction of its own, so that only the failing item fails. Each result is the item's value or error.
 */
export async function inGroupTransaction<I, O>(
  db: Db,
  items: readonly I[],
  fn: (trx: Db, item: I) => Promise<O>,
): Promise<(O | Error)[]> {
  if (items.length > 1) {
    try {
      return await db.transaction().execute(async (trx) => {
        const out: O[] = [];
        for (const item of items) out.push(await fn(trx, item));
        return out;
      });
    } catch {
      // fall through to one transaction per item
    }
  }
  const out: (O | Error)[] = [];
  for (const item of items) {
    try {
      out.push(await db.transaction().execute((trx) => fn(trx, item)));
    } catch (error) {
      out.push(error instanceof Error ? error : new Error(String(error)));
    }
  }
  return out;
}

/**
 * Like inGroupTransaction, for work that handles a whole batch at once (reading what the batch needs with
 * one statement per table): `fn` returns one result per item, an Error for an item that cannot go on
 * without spoiling the others. If `fn` throws, the batch is rolled back and each item is redone alone.
 */
export async function inBatchTransaction<I, O>(
  db: Db,
  items: readonly I[],
  fn: (trx: Db, items: readonly I[]) => Promise<(O | Error)[]>,
): Promise<(O | Error)[]> {
  if (items.length > 1) {
    try {
      return await db.transaction().execute((trx) => fn(trx, items));
    } catch {
      // fall through to one transaction per item
    }
  }
  const out: (O | Error)[] = [];
  for (const item of items) {
    try {
      const [result] = await db.transaction().execute((trx) => fn(trx, [item]));
      out.push(result as O | Error);
    } catch (error) {
      out.push(error instanceof Error ? error : new Error(String(error)));
    }
  }
  return out;
}

/**
 * Collects calls made in the same turn of the event loop (and while a batch runs) into batches for
 * `runBatch`; each caller's promise settles with its own result. This is how concurrent chat messages and
 * worker jobs share commits without knowing about each other.
 */
export function createGroupCommit<I, O>(props: {
  maxBatch: number;
  runBatch: (items: I[]) => Promise<(O | Error)[]>;
}): (item: I) => Promise<O> {
  let pending: { item: I; resolve: (o: O) => void; reject: (e: Error) => void }[] = [];
  let running = false;

  async function drain(): Promise<void> {
    try {
      while (pending.length) {
        const batch = pending.slice(0, props.maxBatch);
        pending = pending.slice(batch.length);
        try {
          const results = await props.runBatch(batch.map((b) => b.item));
          batch.forEach((b, i) => {
            const r = results[i];
            if (r instanceof Error) b.reject(r);
            else b.resolve(r as O);
          });
        } catch (error) {
          for (const b of batch) b.reject(error as Error);
        }
      }
    } finally {
      running = false;
    }
  }

  return (item) =>
    new Promise<O>((resolve, reject) => {
      pending.push({ item, resolve, reject });
      if (!running) {
        running = true;
        setImmediate(() => void drain());
      }
    });
}
