import type { CliCommand, CliContext } from '../command.js';
import { agencyIdByCode } from '../../admin/admin-person.repository.js';
import { buildServices } from '../../app/services.js';
import { findAgencyById } from '../../people/buyer.repository.js';
import type { BroadcastService } from '../../broadcasts/broadcast.service.js';
import { offlineNote, type BroadcastStatusView, type Preview } from '../../broadcasts/broadcast.view.js';
import { liveChannels } from '../../jobs/channel-heartbeat.js';
import { SEGMENT_KINDS, SEGMENT_LABELS } from '../../broadcasts/segment.js';
import { ALIASES, VARIABLES } from '../../broadcasts/template.js';
import { systemClock } from '../../shared/clock.js';
import { ValidationError } from '../../shared/errors.js';
import type { Db } from '../../db/database.js';
import { openMigratedDatabase } from '../open-core-db.js';
import { openRedisBriefly } from '../../redis/redis-url.js';

const USAGE = `peken broadcast create --segment <kind> [--agency <id|code>] [--kecamatan <35.78.xx>] --text "<Indonesian>" [--text-en "<English>"] [--send now|<ISO time>]
peken broadcast preview <id>  |  peken broadcast preview --segment <kind> ... --text "..."   (count, those on a channel no process runs, a sample; writes nothing)
peken broadcast send <id>                       send a draft now (waits while quiet hours last)
peken broadcast schedule <id> --at <ISO time>   e.g. 2026-11-28T07:00:00+07:00
peken broadcast cancel <id>                     no further sends
peken broadcast status [<id>]                   progress from the database (all recent broadcasts without an id)
segments:
${SEGMENT_KINDS.map((k) => `  ${k}: ${SEGMENT_LABELS[k]}${k === 'asn_agency' ? ' (--agency)' : k.endsWith('kecamatan') ? ' (--kecamatan)' : ''}`).join('\n')}
variables: ASN ${VARIABLES.asn.map((v) => `{${v}}`).join(' ')}; ASN near idle shops ${VARIABLES.asn_idle.map((v) => `{${v}}`).join(' ')} (must name the shops); shops ${VARIABLES.shop.map((v) => `{${v}}`).join(' ')}; everyone {name} {days_left}
Indonesian names work too: ${Object.keys(ALIASES)
  .map((a) => `{${a}}`)
  .join(' ')}
The running service (npm start / npm run worker) sends; this command only writes to the database.`;

const str = (v: string | true | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

async function segmentFrom(db: Db, o: CliContext['options']): Promise<unknown> {
  const kind = str(o.segment);
  if (kind === 'asn_agency') {
    const a = str(o.agency);
    if (!a) throw new ValidationError('--agency: OPD (id atau kode) wajib untuk segmen asn_agency');
    const agencyId = /^\d+$/.test(a) ? (await findAgencyById(db, Number(a)))?.id : await agencyIdByCode(db, a);
    if (agencyId === undefined) throw new ValidationError(`--agency: OPD ${a} tidak ada`);
    return { kind, agencyId };
  }
  if (kind === 'asn_kecamatan' || kind === 'shops_kecamatan') return { kind, kecamatan: str(o.kecamatan) ?? '' };
  return { kind };
}

async function inputFrom(db: Db, o: CliContext['options']) {
  return {
    segment: await segmentFrom(db, o),
    templateId: str(o.text) ?? '',
    templateEn: str(o['text-en']) ?? null,
    ...(str(o.send) ? { sendAt: str(o.send) } : {}),
  };
}

/** The preview's line on channels no process runs, as the dashboard words it; nothing when all are served. */
function offlineLine(p: Preview): string | null {
  if (p.offline === null) return 'jumlah penerima di kanal yang tidak berjalan tidak diketahui (Redis tidak menjawab)';
  if (p.offline === 0) return null;
  return `${p.offline} ${offlineNote(p.offlineChannels)}`;
}

function bar(done: number, total: number, width = 30): string {
  const filled = total ? Math.round((done * width) / total) : width;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

function statusLines(s: BroadcastStatusView): string[] {
  const c = s.counts;
  const done = c.sent + c.failed + c.blocked + c.unknown + c.cancelled;
  const b = s.broadcast;
  return [
    `#${b.id} ${b.status} ${b.kind} · ${b.segmentLabel}${b.sendAt ? ` · kirim ${b.sendAt}` : ''}${s.quietNow && b.status === 'sending' ? ' · menunggu jam tenang berakhir' : ''}`,
    `  ${bar(done, c.total)} ${done}/${c.total}  sent ${c.sent}  queued ${c.queued}  sending ${c.sending}  failed ${c.failed}  blocked ${c.blocked}  unknown ${c.unknown}  cancelled ${c.cancelled}`,
  ];
}

async function run(svc: BroadcastService, db: Db, { args, options, out, err }: CliContext): Promise<number> {
  const [verb, idText] = args;
  const id = idText === undefined ? undefined : /^\d+$/.test(idText) ? Number(idText) : NaN;
  if (Number.isNaN(id)) {
    err(`broadcast: id must be a number, got ${idText}`);
    return 2;
  }
  switch (verb) {
    case 'create': {
      const b = await svc.create(await inputFrom(db, options), 'cli');
      const p = await svc.previewOf(b.id);
      out(
        `broadcast #${b.id} ${b.status}: ${b.segmentLabel}, ${p.count} penerima (${p.reachable} bisa dihubungi, ${p.unreachable} tanpa chat)`,
      );
      if (p.sample) out(`contoh untuk ${p.sample.name}:\n${p.sample.id}`);
      return 0;
    }
    case 'preview': {
      const p = id !== undefined ? await svc.previewOf(id) : await svc.preview(await inputFrom(db, options));
      out(`${p.count} penerima (${p.reachable} bisa dihubungi, ${p.unreachable} tanpa chat)`);
      const offline = offlineLine(p);
      if (offline) out(offline);
      if (p.sample) out(`contoh untuk ${p.sample.name}:\n[id] ${p.sample.id}\n[en] ${p.sample.en}`);
      return 0;
    }
    case 'send':
    case 'schedule':
    case 'cancel': {
      if (id === undefined) break;
      const b =
        verb === 'send'
          ? await svc.sendNow(id, 'cli')
          : verb === 'cancel'
            ? await svc.cancel(id, 'cli')
            : await svc.schedule(id, { at: str(options.at) ?? '' }, 'cli');
      out(`broadcast #${b.id} ${b.status}${b.sendAt && verb !== 'cancel' ? ` (kirim ${b.sendAt})` : ''}`);
      return 0;
    }
    case 'status': {
      if (id !== undefined) for (const l of statusLines(await svc.status(id))) out(l);
      else for (const b of await svc.list({ limit: 20 })) for (const l of statusLines(await svc.status(b.id))) out(l);
      return 0;
    }
  }
  err(USAGE);
  return 2;
}

export const broadcastCommand: CliCommand = {
  name: 'broadcast',
  summary: 'broadcast create|preview|send|schedule|cancel|status: messages to a segment of ASN or shops',
  usage: USAGE,
  async run(ctx) {
    const h = await openMigratedDatabase(ctx.config);
    // Only the preview reads the channel heartbeat, as the API and dashboard do; it is advice, so a Redis that
    // does not answer leaves the offline figure unknown instead of failing the command.
    const redis = ctx.args[0] === 'preview' ? await openRedisBriefly(ctx.config.redisUrl) : null;
    try {
      const live =
        ctx.args[0] !== 'preview'
          ? undefined
          : redis
            ? () => liveChannels(redis, ctx.config.queuePrefix)
            : () => Promise.reject(new Error('Redis did not answer'));
      const services = buildServices({ db: h.db, clock: systemClock, broadcasts: { liveChannels: live } });
      return await run(services.broadcasts, h.db, ctx);
    } finally {
      redis?.disconnect();
      await h.close();
    }
  },
};
