import type { Context, Hono } from 'hono';
import type { DryRun } from '../../../imports/upload.service.js';
import type { PreviewRow } from '../../../imports/upload-plan.js';
import type { AdminEnv } from '../../admin/context.js';
import { monthOf } from '../../admin/input.js';
import { uploadedFile } from '../../admin/routes/uploads.js';
import { num } from '../format.js';
import { Csrf, Layout, type View } from '../layout.js';

const view = (c: Context<AdminEnv>, path: string): View => ({
  principal: c.var.principal,
  csrf: c.var.session.csrf,
  month: monthOf(c),
  path,
});
const KIND_LABEL = { roster: 'Roster ASN', shops: 'Toko' } as const;

export function UploadFormPage(p: { view: View }) {
  return (
    <Layout view={p.view} title="Unggah roster / toko">
      <p class="muted">
        Berkas CSV atau XLSX (lembar pertama) dengan kolom yang sama seperti <code>peken import</code>. Unggahan
        diperiksa dulu (uji coba): belum ada yang disimpan sampai Anda menekan <strong>Terapkan</strong>. Di Excel,
        format kolom NIP dan HP sebagai Teks.
      </p>
      <form class="filters" method="post" action="/dashboard/uploads" enctype="multipart/form-data">
        <Csrf view={p.view} />
        <label>
          Jenis
          <select name="kind">
            <option value="roster">{KIND_LABEL.roster}</option>
            <option value="shops">{KIND_LABEL.shops}</option>
          </select>
        </label>
        <label>
          Berkas
          <input
            type="file"
            name="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            required
          />
        </label>
        <button type="submit">Uji coba</button>
      </form>
    </Layout>
  );
}

function Rows(p: { id: string; rows: readonly PreviewRow[]; change?: boolean }) {
  return (
    <div class="scroll">
      <table id={p.id}>
        <thead>
          <tr>
            <th class="num">Baris</th>
            <th>Nama</th>
            <th>Keterangan</th>
            {p.change ? <th>Kolom yang berubah</th> : null}
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              <td class="num">{r.line}</td>
              <td>{r.name}</td>
              <td>{r.detail}</td>
              {p.change ? <td>{r.fields.join(', ')}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function DryRunPage(p: { view: View; d: DryRun }) {
  const { d } = p;
  const more = (shown: number, all: number) =>
    all > shown ? (
      <p class="muted">
        {num(shown)} pertama dari {num(all)} ditampilkan.
      </p>
    ) : null;
  return (
    <Layout view={p.view} title={`Uji coba: ${KIND_LABEL[d.kind]} (${d.fileName})`}>
      <p id="upload-summary">
        {num(d.total)} baris: {num(d.counts.add)} ditambah, {num(d.counts.change)} diubah, {num(d.counts.unchanged)}{' '}
        tetap, {num(d.counts.rejected)} ditolak.
      </p>
      {d.problems.length ? (
        <>
          <h2>Baris yang ditolak</h2>
          <p class="warn">Tidak ada yang bisa diterapkan: perbaiki baris berikut lalu unggah lagi.</p>
          <div class="scroll">
            <table id="upload-problems">
              <thead>
                <tr>
                  <th class="num">Baris</th>
                  <th>Alasan</th>
                </tr>
              </thead>
              <tbody>
                {d.problems.map((r) => (
                  <tr>
                    <td class="num">{r.line}</td>
                    <td>{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {more(d.problems.length, d.counts.rejected)}
        </>
      ) : null}
      <h2>Akan ditambah</h2>
      <Rows id="upload-add" rows={d.add} />
      {more(d.add.length, d.counts.add)}
      <h2>Akan diubah</h2>
      <Rows id="upload-change" rows={d.change} change />
      {more(d.change.length, d.counts.change)}
      {d.id && d.sha256 ? (
        <form method="post" action={`/dashboard/uploads/${d.id}/confirm`}>
          <Csrf view={p.view} />
          <input type="hidden" name="sha256" value={d.sha256} />
          <button type="submit" id="upload-confirm">
            Terapkan
          </button>{' '}
          <span class="muted">berlaku 30 menit; hanya yang tampil di atas yang diterapkan</span>
        </form>
      ) : null}
      <p>
        <a href="/dashboard/uploads">Unggah berkas lain</a>
      </p>
    </Layout>
  );
}

export function AppliedPage(p: {
  view: View;
  kind: 'roster' | 'shops';
  inserted: number;
  updated: number;
  unchanged: number;
}) {
  const list = p.kind === 'roster' ? '/dashboard/buyers' : '/dashboard/shops';
  return (
    <Layout view={p.view} title={`Diterapkan: ${KIND_LABEL[p.kind]}`}>
      <p id="upload-applied">
        {num(p.inserted)} ditambah, {num(p.updated)} diubah, {num(p.unchanged)} tetap.
      </p>
      <p>
        <a href={list}>Lihat daftar {p.kind === 'roster' ? 'ASN' : 'toko'}</a> ·{' '}
        <a href="/dashboard/uploads">Unggah berkas lain</a>
      </p>
    </Layout>
  );
}

/** Uploads on the dashboard: choose a file, see the dry run, confirm (the same service as the API). */
export function registerUploadPages(d: Hono<AdminEnv>): void {
  d.get('/uploads', (c) => c.html(<UploadFormPage view={view(c, '/dashboard/uploads')} />));
  d.post('/uploads', async (c) => {
    const kind = String((await c.req.parseBody()).kind ?? '');
    const dry = await c.var.services.uploads.dryRun(kind, await uploadedFile(c), c.var.principal.actor);
    return c.html(<DryRunPage view={view(c, '/dashboard/uploads')} d={dry} />);
  });
  d.post('/uploads/:id/confirm', async (c) => {
    const sha256 = String((await c.req.parseBody()).sha256 ?? '');
    const r = await c.var.services.uploads.confirm(c.req.param('id'), sha256, c.var.principal.actor);
    return c.html(<AppliedPage view={view(c, '/dashboard/uploads')} {...r} />);
  });
}
