import type { Context, Hono } from 'hono';
import type { QuotaRuleChangeRow } from '../../../people/quota-rule.repository.js';
import type { QuotaRuleView } from '../../../people/quota-rule.service.js';
import { periodOf } from '../../../shared/period.js';
import type { AdminEnv } from '../../admin/context.js';
import { monthOf } from '../../admin/input.js';
import { rp, wib } from '../format.js';
import { Csrf, Layout, MonthForm, type View } from '../layout.js';

const view = (c: Context<AdminEnv>, path: string): View => ({
  principal: c.var.principal,
  csrf: c.var.session.csrf,
  month: monthOf(c),
  path,
});
// "2.000.000", "2000000" or "Rp 2.000.000" from the form: digits only; anything else goes to the service as text (refused there).
const amount = (v: unknown): unknown => {
  const raw = String(v ?? '')
    .replace(/^rp\s*/i, '')
    .replace(/[.\s]/g, '');
  return /^\d+$/.test(raw) ? Number(raw) : raw;
};

export function QuotaRulesPage(p: {
  view: View;
  rules: readonly QuotaRuleView[];
  history: readonly QuotaRuleChangeRow[];
  thisMonth: string;
}) {
  const admin = p.view.principal.role === 'admin';
  return (
    <Layout view={p.view} title={`Aturan kuota ${p.view.month}`}>
      <MonthForm view={p.view} />
      <p class="muted">
        Belanja minimum per bulan per kelas jabatan. Perubahan berlaku mulai bulan yang dipilih (bulan ini atau
        sesudahnya); kepatuhan bulan yang sudah lewat tetap dihitung dengan aturan yang berlaku saat itu. Nilai bawaan
        hanya contoh: nilai resmi diisi oleh kantor pemerintah kota sesuai Perwali.
      </p>
      <div class="scroll">
        <table id="quota-rules">
          <thead>
            <tr>
              <th>Kelas</th>
              <th>Nama</th>
              <th class="num">Minimum {p.view.month}</th>
              <th>Terjadwal</th>
              {admin ? <th>Ubah mulai bulan</th> : null}
            </tr>
          </thead>
          <tbody>
            {p.rules.map((r) => (
              <tr data-class={r.positionClass}>
                <td>
                  <code>{r.positionClass}</code>
                </td>
                <td>{r.label}</td>
                <td class="num">{rp(r.minMonthly)}</td>
                <td>{r.scheduled.map((s) => `${s.effectiveFrom}: ${rp(s.minMonthly)}`).join(', ') || '–'}</td>
                {admin ? (
                  <td>
                    <form class="inline" method="post" action={`/dashboard/quota-rules/${r.positionClass}`}>
                      <Csrf view={p.view} />
                      <input
                        name="minMonthly"
                        inputmode="numeric"
                        value={String(r.minMonthly)}
                        aria-label={`minimum ${r.positionClass}`}
                        required
                      />{' '}
                      <input
                        type="month"
                        name="effectiveFrom"
                        value={p.thisMonth}
                        min={p.thisMonth}
                        aria-label={`mulai ${r.positionClass}`}
                        required
                      />{' '}
                      <button type="submit">Simpan</button>
                    </form>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {admin ? (
        <>
          <h2>Tambah kelas jabatan</h2>
          <form class="filters" method="post" action="/dashboard/quota-rules">
            <Csrf view={p.view} />
            <label>
              Kode
              <input name="positionClass" pattern="[a-z0-9_\-]{2,30}" required />
            </label>
            <label>
              Nama
              <input name="label" required />
            </label>
            <label>
              Minimum (Rp)
              <input name="minMonthly" inputmode="numeric" required />
            </label>
            <button type="submit">Tambah</button>
          </form>
        </>
      ) : null}
      <h2>Riwayat perubahan</h2>
      <div class="scroll">
        <table id="quota-history">
          <thead>
            <tr>
              <th>Kelas</th>
              <th>Berlaku mulai</th>
              <th class="num">Minimum</th>
              <th>Oleh</th>
              <th>Waktu (WIB)</th>
            </tr>
          </thead>
          <tbody>
            {p.history.map((h) => (
              <tr>
                <td>
                  <code>{h.positionClass}</code>
                </td>
                <td>{h.effectiveFrom}</td>
                <td class="num">{rp(h.minMonthly)}</td>
                <td>{h.changedBy}</td>
                <td>{wib(h.changedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

/** The quota rules page: minimums in effect in the chosen month, changes from a month on, and their history. */
export function registerQuotaRulePages(d: Hono<AdminEnv>): void {
  d.get('/quota-rules', async (c) => {
    const s = c.var.services.quotaRules;
    const [rules, history] = await Promise.all([s.list(monthOf(c)), s.history()]);
    return c.html(
      <QuotaRulesPage
        view={view(c, '/dashboard/quota-rules')}
        rules={rules}
        history={history}
        thisMonth={periodOf(c.var.services.clock.now())}
      />,
    );
  });
  d.post('/quota-rules', async (c) => {
    const form = await c.req.parseBody();
    await c.var.services.quotaRules.add(
      { positionClass: form.positionClass, label: form.label, minMonthly: amount(form.minMonthly) },
      c.var.principal.actor,
    );
    return c.redirect('/dashboard/quota-rules', 303);
  });
  d.post('/quota-rules/:class', async (c) => {
    const form = await c.req.parseBody();
    const effectiveFrom = String(form.effectiveFrom ?? '');
    await c.var.services.quotaRules.change(
      c.req.param('class'),
      { minMonthly: amount(form.minMonthly), effectiveFrom },
      c.var.principal.actor,
    );
    return c.redirect(`/dashboard/quota-rules?month=${encodeURIComponent(effectiveFrom)}`, 303);
  });
}
