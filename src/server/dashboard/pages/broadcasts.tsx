import { randomBytes } from 'node:crypto';
import type { Context, Hono } from 'hono';
import {
  offlineNote,
  type BroadcastStatusView,
  type BroadcastView,
  type Preview,
} from '../../../broadcasts/broadcast.view.js';
import type { RecipientCounts } from '../../../broadcasts/broadcast.repository.js';
import { SEGMENT_KINDS, SEGMENT_LABELS } from '../../../broadcasts/segment.js';
import { ALIASES, VARIABLES } from '../../../broadcasts/template.js';
import { ValidationError } from '../../../shared/errors.js';
import type { AdminEnv } from '../../admin/context.js';
import { broadcastsOf } from '../../admin/routes/broadcasts.js';
import { idParam, monthOf } from '../../admin/input.js';
import { num, wib } from '../format.js';
import { ActionButton, Csrf, Layout, type View } from '../layout.js';

const STATUS_LABEL: Record<string, string> = {
  draft: 'draf',
  scheduled: 'terjadwal',
  sending: 'mengirim',
  done: 'selesai',
  cancelled: 'dibatalkan',
};
const KIND_LABEL: Record<string, string> = {
  admin: 'admin',
  morning_prompt: 'sapaan pagi',
  quota_reminder: 'pengingat kuota',
  month_summary: 'ringkasan bulanan',
};

interface Draft {
  kind: string;
  agencyId: string;
  kecamatan: string;
  templateId: string;
  templateEn: string;
}
interface Choices {
  agencies: ReadonlyArray<{ id: number; name: string }>;
  kecamatan: ReadonlyArray<{ code: string; name: string }>;
}

const done = (c: RecipientCounts) => c.sent + c.failed + c.blocked + c.unknown + c.cancelled;

/** A progress bar with its numbers; counts are read from SQLite on every page load. */
function Progress(p: { counts: RecipientCounts }) {
  const c = p.counts;
  return (
    <span class="progress">
      <progress max={String(Math.max(c.total, 1))} value={String(done(c))} /> {num(done(c))}/{num(c.total)} · terkirim{' '}
      {num(c.sent)}
      {c.failed ? ` · gagal ${num(c.failed)}` : ''}
      {c.blocked ? ` · diblokir ${num(c.blocked)}` : ''}
      {c.unknown ? ` · tidak pasti ${num(c.unknown)}` : ''}
      {c.cancelled ? ` · batal ${num(c.cancelled)}` : ''}
    </span>
  );
}

/** Reachable people whose chat is on a channel that no process runs now: the number is not backed by anyone. */
function Offline(p: { preview: Preview }) {
  const { offline, offlineChannels } = p.preview;
  if (offline === null)
    return (
      <p class="muted" id="offline">
        Tidak bisa memeriksa kanal mana yang sedang berjalan (Redis tidak terjangkau).
      </p>
    );
  if (offline === 0) return null;
  return (
    <p class="warn" id="offline">
      <strong>{num(offline)}</strong> {offlineNote(offlineChannels)}.
    </p>
  );
}

function Compose(p: { view: View; choices: Choices; draft: Draft; preview?: Preview }) {
  const d = p.draft;
  const vars = (list: readonly string[]) => list.map((v) => `{${v}}`).join(' ');
  return (
    <form method="post" action="/dashboard/broadcasts/preview" id="compose">
      <Csrf view={p.view} />
      <div class="filters">
        <label>
          Segmen
          <select name="kind">
            {(p.view.principal.role === 'opd_admin' ? (['asn_agency'] as const) : SEGMENT_KINDS).map((k) => (
              <option value={k} selected={k === d.kind}>
                {SEGMENT_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          OPD (untuk "ASN satu OPD")
          <select name="agencyId">
            <option value="">–</option>
            {p.choices.agencies.map((a) => (
              <option value={String(a.id)} selected={String(a.id) === d.agencyId}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Kecamatan (untuk segmen kecamatan)
          <select name="kecamatan">
            <option value="">–</option>
            {p.choices.kecamatan.map((k) => (
              <option value={k.code} selected={k.code === d.kecamatan}>
                {k.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label>
        Pesan (Bahasa Indonesia)
        <textarea name="templateId" rows={4} cols={70} required>
          {d.templateId}
        </textarea>
      </label>
      <label>
        Pesan (English, opsional)
        <textarea name="templateEn" rows={4} cols={70}>
          {d.templateEn}
        </textarea>
      </label>
      <p class="muted">
        Variabel ASN: {vars(VARIABLES.asn)} · ASN dekat toko yang belum ada pesanan: {vars(VARIABLES.asn_idle)} (wajib{' '}
        {'{toko_sepi}'}, nama tokonya) · toko: {vars(VARIABLES.shop)} · semua: {'{name} {days_left}'} · nama Indonesia
        juga bisa:{' '}
        {Object.keys(ALIASES)
          .map((a) => `{${a}}`)
          .join(' ')}
      </p>
      <button type="submit" class="secondary">
        Pratinjau
      </button>
      {p.preview ? (
        <div class="card" id="preview">
          <p>
            <strong>{num(p.preview.count)}</strong> penerima · {num(p.preview.reachable)} bisa dihubungi ·{' '}
            {num(p.preview.unreachable)} tanpa chat (akan gagal: unreachable)
          </p>
          <Offline preview={p.preview} />
          {p.preview.sample ? (
            <>
              <p class="muted">Contoh untuk {p.preview.sample.name}:</p>
              <pre class="msg">{p.preview.sample.id}</pre>
              <pre class="msg">{p.preview.sample.en}</pre>
            </>
          ) : (
            <p class="muted">Belum ada penerima yang bisa dihubungi.</p>
          )}
          <p>
            {/* One id per preview: a double-click on "Kirim sekarang" creates one broadcast, not two. */}
            <input type="hidden" name="request" value={randomBytes(12).toString('base64url')} />
            <button type="submit" formaction="/dashboard/broadcasts" name="when" value="now">
              Kirim sekarang
            </button>{' '}
            <label class="inline">
              Jadwalkan (WIB)
              <input type="datetime-local" name="at" />
            </label>{' '}
            <button type="submit" formaction="/dashboard/broadcasts" name="when" value="schedule" class="secondary">
              Jadwalkan
            </button>
          </p>
          <p class="muted">
            Pada jam tenang (pengaturan quiet_hours, 21.00–06.00 WIB) pesan menunggu sampai jam tenang berakhir.
          </p>
        </div>
      ) : null}
    </form>
  );
}

export function BroadcastsPage(p: {
  view: View;
  rows: ReadonlyArray<BroadcastView & { counts: RecipientCounts }>;
  choices: Choices;
  draft: Draft;
  preview?: Preview;
}) {
  return (
    <Layout view={p.view} title="Siaran">
      {p.view.principal.role !== 'viewer' ? (
        <>
          <h2>Tulis siaran</h2>
          <Compose view={p.view} choices={p.choices} draft={p.draft} preview={p.preview} />
        </>
      ) : null}
      <h2>Siaran terakhir</h2>
      <div class="scroll">
        <table id="broadcasts">
          <thead>
            <tr>
              <th>#</th>
              <th>Jenis</th>
              <th>Segmen</th>
              <th>Status</th>
              <th>Kirim (WIB)</th>
              <th>Kemajuan</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((b) => (
              <tr data-id={String(b.id)}>
                <td>
                  <a href={`/dashboard/broadcasts/${b.id}`}>{b.id}</a>
                </td>
                <td>{KIND_LABEL[b.kind]}</td>
                <td>{b.segmentLabel}</td>
                <td>
                  <span class={`badge ${b.status}`}>{STATUS_LABEL[b.status]}</span>
                </td>
                <td>{wib(b.sendAt)}</td>
                <td>
                  <Progress counts={b.counts} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

export function BroadcastPage(p: {
  view: View;
  s: BroadcastStatusView;
  problems: ReadonlyArray<{ name: string; status: string; reason: string | null }>;
}) {
  const b = p.s.broadcast;
  const live = b.status === 'sending' || b.status === 'scheduled';
  return (
    <Layout view={p.view} title={`Siaran #${b.id}`}>
      {live ? <meta http-equiv="refresh" content="5" /> : null}
      <p>
        <span class={`badge ${b.status}`} id="status">
          {STATUS_LABEL[b.status]}
        </span>{' '}
        · {KIND_LABEL[b.kind]} · {b.segmentLabel} · kirim {wib(b.sendAt)} · dibuat oleh {b.createdBy}
        {p.s.quietNow && live ? <strong class="warn"> · jam tenang: pengiriman menunggu</strong> : null}
      </p>
      <p id="progress">
        <Progress counts={p.s.counts} />
      </p>
      {live || b.status === 'draft' ? (
        <ActionButton view={p.view} action={`/dashboard/broadcasts/${b.id}/cancel`} label="Batalkan" danger />
      ) : null}
      <h2>Pesan</h2>
      <pre class="msg">{b.templateId}</pre>
      {b.templateEn ? <pre class="msg">{b.templateEn}</pre> : null}
      <h2>Tidak terkirim (100 pertama)</h2>
      <p class="muted">
        gagal = tidak ada chat (unreachable), kanalnya tidak dijalankan proses mana pun (channel_offline) atau ditolak
        platform; diblokir = orang itu memblokir bot; tidak pasti = pesan sedang dikirim saat proses berhenti, tidak
        dikirim ulang.
      </p>
      <table id="problems">
        <thead>
          <tr>
            <th>Nama</th>
            <th>Status</th>
            <th>Alasan</th>
          </tr>
        </thead>
        <tbody>
          {p.problems.map((r) => (
            <tr>
              <td>{r.name}</td>
              <td>{r.status}</td>
              <td>{r.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function draftOf(form: Record<string, unknown>): Draft {
  return {
    kind: str(form.kind) || 'asn_below_quota',
    agencyId: str(form.agencyId),
    kecamatan: str(form.kecamatan),
    templateId: str(form.templateId),
    templateEn: str(form.templateEn),
  };
}

/** The form's fields as the service's input; the service validates and names what is wrong. */
function inputOf(d: Draft, sendAt?: string) {
  const segment =
    d.kind === 'asn_agency'
      ? { kind: d.kind, agencyId: Number(d.agencyId) || 0 }
      : d.kind.endsWith('kecamatan')
        ? { kind: d.kind, kecamatan: d.kecamatan }
        : { kind: d.kind };
  return {
    segment,
    templateId: d.templateId,
    templateEn: d.templateEn.trim() ? d.templateEn : null,
    ...(sendAt ? { sendAt } : {}),
  };
}

/** `2026-11-28T07:00` from a datetime-local field, read as WIB. */
function wibTime(local: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) throw new ValidationError('at: isi tanggal dan jam kirim (WIB)');
  return `${local}:00+07:00`;
}

async function choices(c: Context<AdminEnv>): Promise<Choices> {
  const { directory } = c.var.services;
  const [agencies, kecamatan] = await Promise.all([directory.agencies(), directory.kecamatan()]);
  // An opd_admin writes only to its own OPD's ASN (src/admin/opd-scope.ts).
  const own = c.var.principal.role === 'opd_admin' ? c.var.principal.agencyId : null;
  return own === null ? { agencies, kecamatan } : { agencies: agencies.filter((a) => a.id === own), kecamatan: [] };
}

const view = (c: Context<AdminEnv>): View => ({
  principal: c.var.principal,
  csrf: c.var.session.csrf,
  month: monthOf(c),
  path: '/dashboard/broadcasts',
});
const EMPTY: Draft = { kind: 'asn_below_quota', agencyId: '', kecamatan: '', templateId: '', templateEn: '' };
const emptyDraft = (c: Context<AdminEnv>): Draft =>
  c.var.principal.role === 'opd_admin'
    ? { ...EMPTY, kind: 'asn_agency', agencyId: String(c.var.principal.agencyId) }
    : EMPTY;

/** /dashboard/broadcasts: compose with preview, send now or schedule, the list with progress, one broadcast, cancel. */
export function registerBroadcastPages(d: Hono<AdminEnv>): void {
  d.get('/broadcasts', async (c) =>
    c.html(
      <BroadcastsPage
        view={view(c)}
        rows={await broadcastsOf(c).list({ limit: 50 })}
        choices={await choices(c)}
        draft={emptyDraft(c)}
      />,
    ),
  );
  d.post('/broadcasts/preview', async (c) => {
    const draft = draftOf(await c.req.parseBody());
    const preview = await broadcastsOf(c).preview(inputOf(draft));
    return c.html(
      <BroadcastsPage
        view={view(c)}
        rows={await broadcastsOf(c).list({ limit: 50 })}
        choices={await choices(c)}
        draft={draft}
        preview={preview}
      />,
    );
  });
  d.post('/broadcasts', async (c) => {
    const form = await c.req.parseBody();
    const sendAt = form.when === 'schedule' ? wibTime(str(form.at)) : 'now';
    const request = str(form.request);
    const b = await broadcastsOf(c).create(
      inputOf(draftOf(form), sendAt),
      c.var.principal.actor,
      request ? { requestKey: request } : {},
    );
    return c.redirect(`/dashboard/broadcasts/${b.id}`, 303);
  });
  d.get('/broadcasts/:id', async (c) => {
    const id = idParam(c);
    const svc = c.var.services.broadcasts;
    const s = await svc.status(id);
    const problems = (
      await Promise.all(
        (['failed', 'blocked', 'unknown'] as const).map((status) => svc.recipients(id, { status, limit: 100 })),
      )
    )
      .flat()
      .slice(0, 100);
    return c.html(<BroadcastPage view={view(c)} s={s} problems={problems} />);
  });
  d.post('/broadcasts/:id/cancel', async (c) => {
    const b = await broadcastsOf(c).cancel(idParam(c), c.var.principal.actor);
    return c.redirect(`/dashboard/broadcasts/${b.id}`, 303);
  });
}
