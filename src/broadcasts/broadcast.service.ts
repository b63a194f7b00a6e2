import { z } from 'zod';
import { ConflictError } from '../shared/domain-errors.js';
import { parseInput } from '../shared/parse-input.js';
import { kecamatanExists } from '../areas/area.repository.js';
import { recordAudit } from '../audit/audit.repository.js';
import type { Db } from '../db/database.js';
import { findAgencyById } from '../people/buyer.repository.js';
import type { SettingsService } from '../settings/settings.service.js';
import type { Clock } from '../shared/clock.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import { daysLeft, periodOf } from '../shared/period.js';
import {
  BROADCAST_CHANNELS as ALL_CHANNELS,
  cancelQueuedRecipients,
  chatsByPhone,
  findBroadcastByDedupeKey,
  getBroadcast,
  insertBroadcast,
  insertBroadcastOnce,
  insertRecipients,
  markBroadcastSending,
  listBroadcasts,
  listRecipients,
  moveQueuedRecipient,
  queuedOnChannel,
  recipientCounts,
  setBroadcastStatus,
  type ChannelName,
  type RecipientCounts,
  type RecipientDraft,
} from './broadcast.repository.js';
import type { BroadcastKind, RecipientStatus } from './broadcast.table.js';
import { isQuiet } from './quiet-hours.js';
import { pickChat } from './recipient-chat.js';
import { audienceOf, type Segment } from './segment.js';
import { selectSegment, type Candidate } from './segment.repository.js';
import { broadcastInput, scheduleInput } from './broadcast.input.js';
import { toView, type BroadcastStatusView, type BroadcastView, type Preview } from './broadcast.view.js';
import { assertTemplates, renderTemplate, type RecipientVars } from './template.js';

export interface BroadcastService {
  /** Validates and stores (as a draft, or sent/scheduled when `sendAt` is given); audited. */
  /**
   * `requestKey`: the same key again (a double-click, a client retrying after a timeout) returns the
   * broadcast created the first time instead of a second one that would message everyone again.
   */
  create(raw: unknown, actor: string, opts?: { requestKey?: string }): Promise<BroadcastView>;
  /** Count and a rendered sample, without writing anything. */
  preview(raw: unknown): Promise<Preview>;
  previewOf(id: number): Promise<Preview>;
  sendNow(id: number, actor: string): Promise<BroadcastView>;
  schedule(id: number, raw: unknown, actor: string): Promise<BroadcastView>;
  /** Stops further sends: queued recipients become `cancelled`; a send already in flight finishes. */
  cancel(id: number, actor: string): Promise<BroadcastView>;
  status(id: number): Promise<BroadcastStatusView>;
  list(p?: { limit?: number; offset?: number }): Promise<Array<BroadcastView & { counts: RecipientCounts }>>;
  recipients(
    id: number,
    p: { status?: RecipientStatus; limit?: number; offset?: number },
  ): ReturnType<typeof listRecipients>;
  /** A system broadcast (morning prompt, reminder, summary) to send now; one per dedupe key. Returns its id, or null when it exists. */
  createSystem(p: {
    kind: Exclude<BroadcastKind, 'admin'>;
    dedupeKey: string;
    segment: Segment;
    templateId: string;
    templateEn: string;
    period: string;
  }): Promise<number | null>;
  /** Picks the recipients and their chats and marks the broadcast `sending` (the runner calls this when it is due). */
  start(id: number): Promise<number | null>;
  /**
   * For the runner, once `channel` has had no live process past the grace: moves the broadcast's recipients
   * still queued on it to their most recent chat on a `live` channel, and returns those moved with their new
   * channel (their jobs must follow). The rest stay for the runner to fail.
   */
  moveToLiveChats(
    id: number,
    channel: ChannelName,
    live: ReadonlySet<ChannelName>,
  ): Promise<Array<{ id: number; channel: ChannelName }>>;
  /** The channels some process sends broadcasts through right now (every channel when no reader was given); throws when Redis cannot say. */
  liveChannels(): Promise<ReadonlySet<ChannelName>>;
}

const requestKeyInput = z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, 'expected 8–100 letters, digits, _ or -');

export interface BroadcastServiceDeps {
  db: Db;
  clock: Clock;
  settings: SettingsService;
  /** Channels running somewhere in this deployment; a person linked only elsewhere is unreachable. */
  channels?: readonly ChannelName[];
  /** The channel heartbeat's reader (channel-heartbeat.ts `liveChannels`); without it every channel counts as served. */
  liveChannels?: () => Promise<ReadonlySet<ChannelName>>;
}

export function createBroadcastService(deps: BroadcastServiceDeps): BroadcastService {
  const { db, clock } = deps;
  const channels = deps.channels ?? ALL_CHANNELS;
  const liveChannels = deps.liveChannels ?? (async () => new Set(ALL_CHANNELS));
  const now = () => clock.now().toISOString();

  async function mustGet(id: number, d: Db = db) {
    const b = await getBroadcast(d, id);
    if (!b) throw new NotFoundError('broadcast', id);
    return b;
  }

  // Zod checks the shape; the database says whether the OPD or kecamatan exists.
  async function validate(raw: unknown) {
    const input = parseInput(broadcastInput, raw, 'broadcast');
    const s = input.segment;
    if (s.kind === 'asn_agency' && !(await findAgencyById(db, s.agencyId))) {
      throw new ValidationError(`segment.agencyId: OPD ${s.agencyId} tidak ada`);
    }
    if ((s.kind === 'asn_kecamatan' || s.kind === 'shops_kecamatan') && !(await kecamatanExists(db, s.kecamatan))) {
      throw new ValidationError(`segment.kecamatan: kecamatan ${s.kecamatan} tidak ada`);
    }
    assertTemplates({ id: input.templateId, en: input.templateEn }, audienceOf(s));
    return input;
  }

  function futureTime(at: string): string {
    const t = new Date(at);
    if (t.getTime() < clock.now().getTime() - 60_000) throw new ValidationError(`at: waktu ${at} sudah lewat`);
    if (t.getTime() > clock.now().getTime() + 366 * 86_400_000)
      throw new ValidationError(`at: waktu ${at} lebih dari setahun lagi`);
    return t.toISOString();
  }

  async function candidates(segment: Segment, period: string): Promise<Candidate[]> {
    return selectSegment(db, segment, {
      period,
      defaultCap: await deps.settings.get('shop_monthly_cap'),
      areaPolicy: await deps.settings.get('area_policy'),
    });
  }

  async function previewFor(segment: Segment, t: { id: string; en: string | null }, period: string): Promise<Preview> {
    const people = await candidates(segment, period);
    const chats = await chatsByPhone(db, channels);
    const reachable = people.filter((p) => chats.has(p.phone));
    // The preview is advice: a Redis outage leaves the number unknown instead of failing the page.
    const live = await liveChannels().catch(() => null);
    // Offline: the chat start() would pick is on a dead channel, which happens only when none of theirs is live.
    const offline = live
      ? reachable.map((p) => pickChat(chats.get(p.phone)!, live)!.channel).filter((c) => !live.has(c))
      : null;
    const first = reachable[0];
    const vars = first ? ({ ...first.vars, days_left: daysLeft(clock.now()) } as RecipientVars) : null;
    return {
      count: people.length,
      reachable: reachable.length,
      unreachable: people.length - reachable.length,
      offline: offline ? offline.length : null,
      offlineChannels: offline ? ALL_CHANNELS.filter((c) => offline.includes(c)) : [],
      sample: vars ? { name: vars.name, id: renderTemplate(t.id, vars), en: renderTemplate(t.en ?? t.id, vars) } : null,
    };
  }

  async function transition(
    id: number,
    actor: string,
    action: string,
    to: 'scheduled',
    sendAt: string,
  ): Promise<BroadcastView> {
    return db.transaction().execute(async (trx) => {
      const before = await mustGet(id, trx);
      if (before.status !== 'draft' && before.status !== 'scheduled')
        throw new ConflictError(`siaran ${id} berstatus ${before.status}: tidak bisa dikirim atau dijadwalkan lagi`);
      await setBroadcastStatus(trx, id, to, ['draft', 'scheduled'], { send_at: sendAt });
      await recordAudit(trx, {
        actor,
        action,
        entity: 'broadcast',
        entityId: id,
        before: { status: before.status, sendAt: before.send_at },
        after: { status: to, sendAt },
        at: now(),
      });
      return toView(await mustGet(id, trx));
    });
  }

  return {
    async create(raw, actor, opts = {}) {
      const input = await validate(raw);
      const requestKey =
        opts.requestKey === undefined ? null : parseInput(requestKeyInput, opts.requestKey, 'Idempotency-Key');
      const at = now();
      const sendAt = input.sendAt === undefined ? null : input.sendAt === 'now' ? at : futureTime(input.sendAt);
      return db.transaction().execute(async (trx) => {
        const dedupeKey = requestKey === null ? null : `admin:${requestKey}`;
        if (dedupeKey !== null) {
          const first = await findBroadcastByDedupeKey(trx, dedupeKey);
          if (first) return toView(first);
        }
        const row = await insertBroadcast(trx, {
          kind: 'admin',
          segment: JSON.stringify(input.segment),
          template_id: input.templateId,
          template_en: input.templateEn || null,
          status: sendAt ? 'scheduled' : 'draft',
          send_at: sendAt,
          created_by: actor,
          created_at: at,
          dedupe_key: dedupeKey,
          period: null,
        });
        // The same key's other request got there first: it made the broadcast and its audit entry.
        if (!row) return toView((await findBroadcastByDedupeKey(trx, dedupeKey!))!);
        await recordAudit(trx, {
          actor,
          action: 'broadcast.create',
          entity: 'broadcast',
          entityId: row.id,
          after: { segment: input.segment, status: row.status, sendAt },
          at,
        });
        return toView(row);
      });
    },

    async preview(raw) {
      const input = await validate(raw);
      return previewFor(input.segment, { id: input.templateId, en: input.templateEn ?? null }, periodOf(clock.now()));
    },

    async previewOf(id) {
      const b = await mustGet(id);
      return previewFor(
        JSON.parse(b.segment) as Segment,
        { id: b.template_id, en: b.template_en },
        b.period ?? periodOf(clock.now()),
      );
    },

    sendNow: (id, actor) => transition(id, actor, 'broadcast.send', 'scheduled', now()),

    async schedule(id, raw, actor) {
      const { at } = parseInput(scheduleInput, raw, 'schedule');
      return transition(id, actor, 'broadcast.schedule', 'scheduled', futureTime(at));
    },

    async cancel(id, actor) {
      return db.transaction().execute(async (trx) => {
        const before = await mustGet(id, trx);
        if (before.status === 'done' || before.status === 'cancelled')
          throw new ConflictError(`siaran ${id} sudah ${before.status === 'done' ? 'selesai' : 'dibatalkan'}`);
        const at = now();
        await setBroadcastStatus(trx, id, 'cancelled', ['draft', 'scheduled', 'sending'], { cancelled_at: at });
        const stopped = await cancelQueuedRecipients(trx, id, at);
        await recordAudit(trx, {
          actor,
          action: 'broadcast.cancel',
          entity: 'broadcast',
          entityId: id,
          before: { status: before.status },
          after: { status: 'cancelled', stopped },
          at,
        });
        return toView(await mustGet(id, trx));
      });
    },

    async status(id) {
      const b = await mustGet(id);
      return {
        broadcast: toView(b),
        counts: await recipientCounts(db, id),
        quietNow: isQuiet(clock.now(), await deps.settings.get('quiet_hours')),
      };
    },

    async list(p = {}) {
      const rows = await listBroadcasts(db, { limit: p.limit ?? 50, offset: p.offset ?? 0 });
      return Promise.all(rows.map(async (b) => ({ ...toView(b), counts: await recipientCounts(db, b.id) })));
    },

    async recipients(id, p) {
      await mustGet(id);
      return listRecipients(db, id, { status: p.status, limit: p.limit ?? 100, offset: p.offset ?? 0 });
    },

    async createSystem(p) {
      assertTemplates({ id: p.templateId, en: p.templateEn }, audienceOf(p.segment));
      const at = now();
      return db.transaction().execute(async (trx) => {
        const id = await insertBroadcastOnce(trx, {
          kind: p.kind,
          dedupe_key: p.dedupeKey,
          segment: JSON.stringify(p.segment),
          template_id: p.templateId,
          template_en: p.templateEn,
          period: p.period,
          status: 'scheduled',
          send_at: at,
          created_by: 'system',
          created_at: at,
        });
        if (id === null) return null;
        await recordAudit(trx, {
          actor: 'system',
          action: `broadcast.${p.kind}`,
          entity: 'broadcast',
          entityId: id,
          after: { segment: p.segment, period: p.period },
          at,
        });
        return id;
      });
    },

    async start(id) {
      // Read before the transaction (no network wait while it is open). Unreadable: the most recent chat, as
      // before the heartbeat existed; the runner's grace still catches a channel that stays dead.
      const live = await liveChannels().catch(() => null);
      return db.transaction().execute(async (trx) => {
        const b = await getBroadcast(trx, id);
        if (!b || b.status !== 'scheduled') return null;
        const at = clock.now();
        const period = b.period ?? periodOf(at);
        const people = await selectSegment(trx, JSON.parse(b.segment) as Segment, {
          period,
          defaultCap: await deps.settings.get('shop_monthly_cap', trx),
          areaPolicy: await deps.settings.get('area_policy', trx),
        });
        const chats = await chatsByPhone(trx, channels);
        const left = daysLeft(at);
        const drafts: RecipientDraft[] = people.map((p) => {
          const chat = pickChat(chats.get(p.phone) ?? [], live);
          return {
            phone: p.phone,
            name: p.vars.name,
            channel: chat?.channel ?? null,
            chatId: chat?.chatId ?? null,
            language: chat?.language ?? 'id',
            params: JSON.stringify({ ...p.vars, days_left: left }),
            status: chat ? 'queued' : 'failed',
            reason: chat ? null : 'unreachable',
          };
        });
        await insertRecipients(trx, id, drafts, at.toISOString());
        await markBroadcastSending(trx, id, { startedAt: at.toISOString(), total: drafts.length, period });
        return drafts.length;
      });
    },

    async moveToLiveChats(id, channel, live) {
      return db.transaction().execute(async (trx) => {
        const rows = await queuedOnChannel(trx, id, channel);
        const chats = await chatsByPhone(
          trx,
          channels,
          rows.map((r) => r.phone),
        );
        const at = now();
        const moved: Array<{ id: number; channel: ChannelName }> = [];
        for (const r of rows) {
          const chat = pickChat(chats.get(r.phone) ?? [], live);
          // pickChat falls back to a dead chat when none is live: only a live one is a move.
          if (!chat || !live.has(chat.channel)) continue;
          if (await moveQueuedRecipient(trx, r.id, channel, chat, at)) moved.push({ id: r.id, channel: chat.channel });
        }
        return moved;
      });
    },

    liveChannels,
  };
}
