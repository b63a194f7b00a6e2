import type { MayorOpd, MayorView } from '../../../reports/mayor.types.js';
import { BarChart } from '../bar-chart.js';
import { DayChart } from '../day-chart.js';
import { num, pct, rp } from '../format.js';
import { Layout, MonthForm, type View } from '../layout.js';

function OpdTable(p: { id: string; rows: readonly MayorOpd[] }) {
  return (
    <div class="scroll">
      <table id={p.id}>
        <thead>
          <tr>
            <th>OPD</th>
            <th class="num">ASN aktif</th>
            <th class="num">Memenuhi kuota</th>
            <th class="num">%</th>
            <th class="num">Belanja selesai</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr data-agency={r.agencyCode} data-met={String(r.metQuota)} data-committed={String(r.committed)}>
              <td>{r.agencyName}</td>
              <td class="num">{num(r.activeAsn)}</td>
              <td class="num">{num(r.metQuota)}</td>
              <td class="num">{pct(r.metQuota, r.activeAsn)}</td>
              <td class="num">{rp(r.committed)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The mayor's office's month, read-only: every figure comes from the ledger (see src/reports/mayor-view.ts). */
export function MayorPage(p: { view: View; m: MayorView }) {
  const { m } = p;
  const d = (day: string) => `${Number(day.slice(8, 10))}/${Number(day.slice(5, 7))}`;
  const share = (met: number) => (m.activeAsn > 0 ? Math.round((met * 1000) / m.activeAsn) / 10 : 0);
  return (
    <Layout view={p.view} title={`Pantauan wali kota ${m.period}`}>
      <MonthForm view={p.view} />
      <div class="cards">
        <div class="card" data-metric="mayor-turnover">
          <div class="label">Perputaran bulan ini</div>
          <div class="value">{rp(m.turnover)}</div>
        </div>
        <div class="card" data-metric="mayor-compliance">
          <div class="label">ASN memenuhi kuota</div>
          <div class="value">{`${num(m.metQuota)} / ${num(m.activeAsn)}`}</div>
          <div class="muted">{pct(m.metQuota, m.activeAsn)}</div>
        </div>
        <div class="card" data-metric="mayor-gini" data-value={String(m.spread.gini)}>
          <div class="label">Pemerataan (Gini pendapatan toko)</div>
          <div class="value">{m.spread.gini.toFixed(2)}</div>
          <div class="muted">0 = merata, 1 = satu toko mengambil semua</div>
        </div>
        <div class="card" data-metric="mayor-shops-helped" data-value={String(m.spread.helped)}>
          <div class="label">Toko terbantu</div>
          <div class="value">{`${num(m.spread.helped)} / ${num(m.spread.shops)}`}</div>
          <div class="muted">
            {pct(m.spread.helped, m.spread.shops)} · {num(m.spread.noOrderYet)} toko belum ada pesanan
          </div>
        </div>
      </div>
      <h2>Perputaran per hari</h2>
      <DayChart
        id="turnover-by-day"
        kind="bars"
        title="Perputaran per hari (transaksi selesai, WIB)"
        format={rp}
        points={m.days.map((x) => ({
          day: x.day,
          value: x.turnover,
          title: `${d(x.day)}: ${rp(x.turnover)} (${num(x.orders)} pesanan)`,
        }))}
      />
      <h2>Kepatuhan per hari</h2>
      <DayChart
        id="compliance-by-day"
        kind="line"
        title="ASN yang sudah memenuhi kuota, sampai akhir hari itu"
        format={num}
        max={m.activeAsn}
        points={m.days.map((x) => ({
          day: x.day,
          value: x.metQuota,
          title: `${d(x.day)}: ${num(x.metQuota)} ASN (${share(x.metQuota)}%)`,
        }))}
      />
      <h2>OPD terbaik</h2>
      <OpdTable id="top-opd" rows={m.topOpd} />
      <h2>OPD terendah</h2>
      <OpdTable id="bottom-opd" rows={m.bottomOpd} />
      <h2>Toko menurut pendapatan bulan ini</h2>
      <BarChart
        title="Jumlah toko per kelompok pendapatan"
        bars={m.bands.map((b) => ({ label: b.label, value: b.shops }))}
        format={num}
      />
      <div class="scroll">
        <table id="revenue-bands">
          <thead>
            <tr>
              <th>Kelompok pendapatan</th>
              <th class="num">Toko</th>
              <th class="num">Pendapatan</th>
            </tr>
          </thead>
          <tbody>
            {m.bands.map((b, i) => (
              <tr data-band={String(i)} data-shops={String(b.shops)} data-revenue={String(b.revenue)}>
                <td>{b.label}</td>
                <td class="num">{num(b.shops)}</td>
                <td class="num">{rp(b.revenue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted">
        Dihitung dari buku besar (entri commit) bulan {m.period}, per hari WIB; transaksi bulan ini yang selesai setelah
        akhir bulan dihitung pada hari terakhir. Halaman ini hanya untuk dibaca.
      </p>
    </Layout>
  );
}
