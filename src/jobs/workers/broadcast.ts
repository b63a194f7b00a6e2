import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ChatChannel, MessageCategory } from '../../chat/ports.js';
import { BROADCAST_QUEUES, type BroadcastJob } from '../../broadcasts/broadcast.jobs.js';
import { claimForSending, recipientToSend, setRecipientStatus } from '../../broadcasts/broadcast.repository.js';
import type { BroadcastKind } from '../../broadcasts/broadcast.table.js';
import { isQuiet, quietEndsAt, type QuietHours } from '../../broadcasts/quiet-hours.js';
import { renderTemplate, templateFor, type RecipientVars } from '../../broadcasts/template.js';
import type { Db } from '../../db/database.js';
import type { SettingsService } from '../../settings/settings.service.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import { classifySendFailure, retryLater } from '../send-outcome.js';

const CATEGORY: Readonly<Record<BroadcastKind, MessageCategory>> = {
  admin: 'broadcast',
  quota_reminder: 'quota_reminder',
  morning_prompt: 'prompt',
  month_summary: 'prompt',
};

export interface BroadcastWorkerDeps {
  connection: Redis;
  prefix: string;
  db: Db;
  clock: Clock;
  settings: SettingsService;
  channel: ChatChannel;
  logger: Logger;
  /** BullMQ limiter for this channel (Telegram); none for a channel that paces itself (WhatsApp). */
  ratePerSecond?: number;
  concurrency?: number;
  lockDurationMs?: number;
  /** Longest wait before a job that met quiet hours looks again (the runner pauses the queue meanwhile). */
  quietRecheckMs?: number;
}

/**
 * Sends one broadcast message per job, exactly once as far as the platform allows: the recipient is marked
 * `sending` in a committed write before the send and `sent` after. A job that finds its recipient already
 * `sending` is a retry after a crash mid-send: the message may or may not have left, so it is reported
 * `unknown` and not sent again (unless the setting broadcast_resend_unknown says so).
 */
export function createBroadcastWorker(deps: BroadcastWorkerDeps): Worker<BroadcastJob> {
  const { db, clock } = deps;
  const at = () => clock.now().toISOString();
  // Two settings read for every message: at hundreds of messages a second, once a second is enough.
  let cache: { until: number; quiet: QuietHours; resend: boolean } | null = null;
  const current = async () => {
    if (!cache || Date.now() >= cache.until) {
      cache = {
        until: Date.now() + 1000,
        quiet: await deps.settings.get('quiet_hours'),
        resend: await deps.settings.get('broadcast_resend_unknown'),
      };
    }
    return cache;
  };

  async function process(job: Job<BroadcastJob>, token?: string): Promise<string> {
    const id = job.data?.recipientId;
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw new UnrecoverableError('bad broadcast payload');
    const r = await recipientToSend(db, id);
    if (!r) throw new UnrecoverableError(`broadcast recipient ${id} not found`);
    if (r.status !== 'queued' && r.status !== 'sending') return r.status;
    if (r.broadcast_status !== 'sending') {
      // Cancelled meanwhile: one found mid-send (its process died) is still reported as unknown.
      if (r.status === 'sending')
        await setRecipientStatus(db, id, {
          status: 'unknown',
          reason: 'in flight when a worker stopped',
          at: at(),
          from: ['sending'],
        });
      return `broadcast ${r.broadcast_status}`;
    }

    const settings = await current();
    if (r.status === 'sending' && !settings.resend) {
      await setRecipientStatus(db, id, {
        status: 'unknown',
        reason: 'in flight when a worker stopped',
        at: at(),
        from: ['sending'],
      });
      return 'unknown';
    }

    const quiet = settings.quiet;
    const now = clock.now();
    if (isQuiet(now, quiet)) {
      // Only jobs taken just as quiet hours began get here: the runner pauses the queue for the night.
      const wait = Math.min(quietEndsAt(now, quiet).getTime() - now.getTime(), deps.quietRecheckMs ?? 300_000);
      await job.moveToDelayed(Date.now() + Math.max(wait, 1000), token);
      throw new DelayedError();
    }
    if (!r.channel || !r.chat_id) {
      await setRecipientStatus(db, id, {
        status: 'failed',
        reason: 'unreachable',
        at: at(),
        from: ['queued', 'sending'],
      });
      return 'failed';
    }
    if (r.channel !== deps.channel.name)
      throw new UnrecoverableError(`recipient ${id} is for ${r.channel}, not ${deps.channel.name}`);

    // The committed mark before the send: whatever happens next, a later attempt knows this one started. Only
    // on this channel: a recipient the runner moved to a live one meanwhile is sent by that channel's job.
    if (!(await claimForSending(db, id, r.status === 'sending' ? ['sending'] : ['queued'], deps.channel.name, at())))
      return 'skipped';
    const text = renderTemplate(templateFor(r, r.language), JSON.parse(r.params) as RecipientVars);
    try {
      await deps.channel.send(r.chat_id, { text }, { category: CATEGORY[r.kind] });
    } catch (error) {
      const failure = classifySendFailure(error);
      if (failure.kind === 'blocked') {
        await setRecipientStatus(db, id, { status: 'blocked', reason: failure.reason, at: at() });
        return 'blocked';
      }
      // The platform refused this message itself (Telegram 400), or the chat is gone.
      if (failure.kind === 'refused') {
        await setRecipientStatus(db, id, { status: 'failed', reason: `${failure.label}: ${failure.reason}`, at: at() });
        return 'failed';
      }
      // A connection that broke after the request went out: the person may have it already. Like a crash
      // mid-send, it is reported, not sent again (unless the setting says to resend).
      if (failure.kind === 'unknown' && !settings.resend) {
        await setRecipientStatus(db, id, {
          status: 'unknown',
          reason: `send outcome unknown: ${failure.reason}`,
          at: at(),
          from: ['sending'],
        });
        return 'unknown';
      }
      // Told not to send, or never connected: the message did not leave; the recipient goes back to the queue.
      await setRecipientStatus(db, id, { status: 'queued', at: at(), from: ['sending'] });
      return retryLater(worker as Worker, job, error, async () => {
        await setRecipientStatus(db, id, { status: 'failed', reason: failure.reason, at: at(), from: ['queued'] });
      });
    }
    await setRecipientStatus(db, id, { status: 'sent', at: at() });
    return 'sent';
  }

  const lock = deps.lockDurationMs ?? 30_000;
  const worker: Worker<BroadcastJob> = new Worker<BroadcastJob>(BROADCAST_QUEUES[deps.channel.name], process, {
    connection: deps.connection,
    prefix: deps.prefix,
    concurrency: deps.concurrency ?? 8,
    lockDuration: lock,
    // A killed worker's jobs come back after its lock expires; the retry then reports them `unknown`.
    stalledInterval: lock,
    maxStalledCount: 5,
    ...(deps.ratePerSecond ? { limiter: { max: deps.ratePerSecond, duration: 1000 } } : {}),
  });
  worker.on('error', (err) => deps.logger.warn({ err: err.message }, 'broadcast worker error'));
  return worker;
}
