import type { Db } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import type { ChannelName } from './ports.js';
import {
  acceptUpdate,
  claimPending,
  markHandled,
  markSeen,
  releaseClaims,
  type PendingUpdate,
} from './update-inbox.repository.js';

/**
 * How long a process may hold an update it took. Longer than any handling (replies retry for about a
 * minute when the platform is unreachable); a process that died lets it run out and another takes over.
 */
const LEASE_MS = 5 * 60_000;

/**
 * A platform's updates kept in SQLite until handled (the port UpdateInbox of bots/telegram/update-queue.ts):
 * a webhook answers once its update is stored, and every update id is acted on once.
 */
export function createUpdateInbox(deps: { db: Db; clock: Clock; channel: ChannelName }) {
  const { db, channel } = deps;
  const now = () => deps.clock.now().toISOString();
  return {
    accept: (u: PendingUpdate) => acceptUpdate(db, { channel, ...u, at: now() }),
    seen: (updateId: number, chatKey: string) => markSeen(db, channel, updateId, chatKey, now()),
    // Real time for leases, not the domain clock: they coordinate processes (the simulation's clock runs fast).
    claim: (limit: number) =>
      claimPending(db, channel, {
        limit,
        now: new Date().toISOString(),
        until: new Date(Date.now() + LEASE_MS).toISOString(),
      }),
    done: (updateId: number) => markHandled(db, channel, updateId, now()),
    release: (updateIds: readonly number[]) => releaseClaims(db, channel, updateIds),
  };
}
