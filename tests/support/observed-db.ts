import { RawNode, type KyselyPlugin } from 'kysely';
import type { Db } from '../../src/db/database.js';

/**
 * The same database seen through a Kysely plugin that notes every query run through it, a raw one as its text
 * and a built one as its kind: what a server's own connection ran, where work must run in a worker thread on a
 * connection of its own instead (exports, upload checks). Nothing is changed or faked.
 */
export function observedDb(db: Db): { db: Db; ran: string[] } {
  const ran: string[] = [];
  const plugin: KyselyPlugin = {
    transformQuery: ({ node }) => {
      ran.push(RawNode.is(node) ? node.sqlFragments.join('?') : node.kind);
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  return { db: db.withPlugin(plugin), ran };
}
