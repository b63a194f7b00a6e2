import { broadcastJobId, CHANNEL_OFFLINE, OFFLINE_GRACE_MS } from '../broadcasts/broadcast.jobs.js';
import { markEnqueued, markPurged } from '../broadcasts/broadcast-run.repository.js';
import type { Db } from '../db/database.js';
import type { SettingsService } from '../settings/settings.service.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { BroadcastQueues } from './queues.js';
import {
  BROADCAST_CHANNELS as CHANNELS,
  dueBroadcasts,
  failQueuedOnChannel,
  recipientIdsByStatus,
  runningBroadcasts,
  setBroadcastStatus,
  setRecipientStatus,
  unfinishedCount,
  unpurgedCancelled,
  type ChannelName,
} from '../broadcasts/broadcast.repository.js';
import type { BroadcastService } from '../broadcasts/broadcast.service.js';
import { isQuiet } from '../broadcasts/quiet-hours.js';

export interface BroadcastRunner {
  /** One pass: quiet hours, due broadcasts, enqueueing, completion, cancelled jobs, repair. */
  tick(): Promise<void>;
  /** Re-adds jobs Redis lost and reports recipients whose job died mid-send (normally every repairMs). */
  repair(): Promise<void>;
  start(): void;
  stop(): Promise<void>;
}

export interface BroadcastRunnerDeps {
  db: Db;
  clock: Clock;
  settings: SettingsService;
  broadcasts: BroadcastService;
  queues: BroadcastQueues;
  logger: Logger;
  pollMs?: number;
  repairMs?: number;
  /** How long a channel may have no live process before its queued recipients fail (default OFFLINE_GRACE_MS). */
  offlineGraceMs?: number;
}

const CHUNK = 1000;
const ACTIVE_STATES = new Set(['waiting', 'active', 'delayed', 'prioritized', 'paused', 'waiting-children']);

/**
 * The broadcast side's loop, run in every worker process (each step is safe to run twice at once): it
 * starts broadcasts when due (by the injected clock), puts one job per recipient on its channel's queue
 * (stable job ids), pauses the queues during quiet hours, marks finished broadcasts done and removes the
 * jobs of cancelled ones, and moves or fails the recipients left on a channel no process serves (OFFLINE_GRACE_MS).
 * SQLite stays the truth; Redis only carries the work.
 */
export function createBroadcastRunner(deps: BroadcastRunnerDeps): BroadcastRunner {
  const { db, clock, queues } = deps;
  let quietState: boolean | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let lastRepair = 0;
  // `${broadcast}:${channel}` → when this runner first saw the channel with no live process while that
  // broadcast ran. Real time, not the injected clock: a process being down is not business time. In memory:
  // a restarted runner starts the grace over, which errs on the side of waiting.
  const offlineSince = new Map<string, number>();

  async function syncQuiet(): Promise<void> {
    const quiet = isQuiet(clock.now(), await deps.settings.get('quiet_hours'));
    if (quiet === quietState) return;
    await Promise.all(CHANNELS.map((c) => (quiet ? queues[c].pause() : queues[c].resume())));
    quietState = quiet;
    deps.logger.info({ quiet }, quiet ? 'broadcasts: quiet hours, sending waits' : 'broadcasts: sending');
  }

  async function enqueue(broadcastId: number): Promise<void> {
    const rows = await recipientIdsByStatus(db, broadcastId, ['queued']);
    for (const c of CHANNELS) {
      const ids = rows.filter((r) => r.channel === c).map((r) => r.id);
      for (let i = 0; i < ids.length; i += CHUNK) {
        await queues[c].addBulk(
          ids
            .slice(i, i + CHUNK)
            .map((id) => ({ name: 'send', data: { recipientId: id }, opts: { jobId: broadcastJobId(id) } })),
        );
      }
    }
    await markEnqueued(db, broadcastId, clock.now().toISOString());
  }

  async function purge(broadcastId: number): Promise<void> {
    const rows = await recipientIdsByStatus(db, broadcastId, ['cancelled']);
    for (let i = 0; i < rows.length; i += CHUNK) {
      await Promise.all(
        rows
          .slice(i, i + CHUNK)
          .map((r) => (r.channel ? queues[r.channel].remove(broadcastJobId(r.id)).catch(() => 0) : 0)),
      );
    }
    await markPurged(db, broadcastId, clock.now().toISOString());
  }

  async function repair(): Promise<void> {
    const resend = await deps.settings.get('broadcast_resend_unknown');
    for (const b of await runningBroadcasts(db)) {
      if (!b.enqueued_at) continue;
      const rows = (await recipientIdsByStatus(db, b.id, ['queued', 'sending'])).filter((r) => r.channel);
      for (let i = 0; i < rows.length; i += CHUNK) {
        const chunk = rows.slice(i, i + CHUNK);
        const states = await Promise.all(chunk.map((r) => queues[r.channel!].getJobState(broadcastJobId(r.id))));
        for (const [k, r] of chunk.entries()) {
          if (ACTIVE_STATES.has(states[k]!)) continue;
          const queue = queues[r.channel!];
          // The job is gone (Redis lost it) or finished without finishing the recipient (stalled too often).
          if (r.status === 'sending' && !resend) {
            await setRecipientStatus(db, r.id, {
              status: 'unknown',
              reason: 'in flight when a worker stopped',
              at: clock.now().toISOString(),
              from: ['sending'],
            });
            continue;
          }
          if (r.status === 'sending')
            await setRecipientStatus(db, r.id, { status: 'queued', at: clock.now().toISOString(), from: ['sending'] });
          await queue.remove(broadcastJobId(r.id)).catch(() => 0);
          await queue.add('send', { recipientId: r.id }, { jobId: broadcastJobId(r.id) });
        }
      }
    }
  }

  // Those of the dead channel's queued recipients who have a chat on a live channel go there instead of
  // failing; only `queued` ones (moveQueuedRecipient): one in flight was perhaps sent, and must not go twice.
  // SQLite first, then the jobs: a crash in between leaves a row whose job repair() adds on its new channel.
  async function moveToLiveChats(
    broadcastId: number,
    from: ChannelName,
    live: ReadonlySet<ChannelName>,
  ): Promise<void> {
    const moved = await deps.broadcasts.moveToLiveChats(broadcastId, from, live);
    if (moved.length === 0) return;
    deps.logger.info(
      { broadcast: broadcastId, from, recipients: moved.length },
      'broadcast: no process runs this channel; recipients with a chat on a live one moved there',
    );
    for (let i = 0; i < moved.length; i += CHUNK) {
      await Promise.all(
        moved.slice(i, i + CHUNK).map(async (r) => {
          await queues[from].remove(broadcastJobId(r.id)).catch(() => 0);
          // A finished job of the same id (moved back and forth) would make the add a no-op.
          await queues[r.channel].remove(broadcastJobId(r.id)).catch(() => 0);
          await queues[r.channel].add('send', { recipientId: r.id }, { jobId: broadcastJobId(r.id) });
        }),
      );
    }
  }

  async function failOffline(running: ReadonlyArray<{ id: number }>): Promise<void> {
    let live: ReadonlySet<ChannelName>;
    // Read through the service: the core gives it the heartbeat's reader, and startBroadcasting builds this
    // runner with that service (one without a reader counts every channel live, and fails no one here).
    try {
      live = await deps.broadcasts.liveChannels();
    } catch {
      // Redis cannot say: neither start nor end a grace on a guess (the queue calls report the outage).
      return;
    }
    const ids = new Set(running.map((b) => b.id));
    for (const key of offlineSince.keys()) {
      const [b, c] = key.split(':') as [string, ChannelName];
      if (!ids.has(Number(b)) || live.has(c)) offlineSince.delete(key);
    }
    for (const b of running) {
      for (const c of CHANNELS) {
        if (live.has(c)) continue;
        const key = `${b.id}:${c}`;
        const since = offlineSince.get(key);
        if (since === undefined) offlineSince.set(key, Date.now());
        if (since === undefined || Date.now() - since < (deps.offlineGraceMs ?? OFFLINE_GRACE_MS)) continue;
        // Conditional write, so two runners past the grace at once fail each recipient once. The grace starts
        // over: a write every pass would scan the queued rows each second, and a recipient queued again later
        // (a retry) waits one more grace at most.
        offlineSince.set(key, Date.now());
        await moveToLiveChats(b.id, c, live);
        const failed = await failQueuedOnChannel(db, b.id, c, CHANNEL_OFFLINE, clock.now().toISOString());
        if (failed.length === 0) continue;
        deps.logger.warn(
          { broadcast: b.id, channel: c, recipients: failed.length },
          'broadcast: no process runs this channel; its queued recipients failed (channel_offline)',
        );
        // Their jobs would wait for a worker that may never come (one that does finds them failed and skips).
        for (let i = 0; i < failed.length; i += CHUNK) {
          await Promise.all(
            failed.slice(i, i + CHUNK).map((id) => queues[c].remove(broadcastJobId(id)).catch(() => 0)),
          );
        }
      }
    }
  }

  async function once(): Promise<void> {
    await syncQuiet();
    for (const b of await dueBroadcasts(db, clock.now().toISOString())) {
      const n = await deps.broadcasts.start(b.id);
      if (n !== null) deps.logger.info({ broadcast: b.id, recipients: n }, 'broadcast started');
    }
    const running = await runningBroadcasts(db);
    for (const b of running) if (!b.enqueued_at) await enqueue(b.id);
    // Before the completion check, so that a broadcast whose last recipients fail here ends in this pass.
    await failOffline(running);
    for (const b of running) {
      if (b.enqueued_at && (await unfinishedCount(db, b.id)) === 0) {
        if (await setBroadcastStatus(db, b.id, 'done', ['sending'], { finished_at: clock.now().toISOString() }))
          deps.logger.info({ broadcast: b.id }, 'broadcast done');
      }
    }
    for (const b of await unpurgedCancelled(db)) await purge(b.id);
    if (Date.now() - lastRepair >= (deps.repairMs ?? 60_000)) {
      lastRepair = Date.now();
      await repair();
    }
  }

  async function tick(): Promise<void> {
    // Single flight: a slow pass (a big broadcast starting) is not overlapped by the next timer.
    if (running) return running;
    running = once()
      .catch((error: unknown) =>
        deps.logger.warn({ err: String(error) }, 'broadcast runner pass failed; next pass retries'),
      )
      .finally(() => (running = null));
    return running;
  }

  return {
    tick,
    repair,
    start() {
      lastRepair = Date.now();
      timer = setInterval(() => void tick(), deps.pollMs ?? 1000);
      timer.unref();
      void tick();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
