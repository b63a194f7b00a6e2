import type { KecamatanSpendingRow, ShopCapRow } from '../../../reports/report.types.js';
import { BarChart } from '../bar-chart.js';
import { num, rp } from '../format.js';
import { Layout, MonthForm, type View } from '../layout.js';

export function KecamatanPage(p: { view: View; rows: readonly KecamatanSpendingRow[] }) {
  return (
    <Layout view={p.view} title={`Belanja per kecamatan ${p.view.month}`}>
      <MonthForm view={p.view} />
      <BarChart
        title="Pendapatan toko per kecamatan"
        bars={p.rows.map((r) => ({ label: r.name, value: r.committed }))}
        format={rp}
      />
      <div class="scroll">
        <table id="kecamatan">
          <thead>
            <tr>
              <th>Kecamatan</th>
              <th class="num">Toko</th>
              <th class="num">Toko terbantu</th>
              <th class="num">Pendapatan</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr data-kecamatan={r.code}>
                <td>{r.name}</td>
                <td class="num">{num(r.shops)}</td>
                <td class="num">{num(r.shopsHelped)}</td>
                <td class="num">{rp(r.committed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

export function NearCapPage(p: { view: View; rows: readonly ShopCapRow[] }) {
  return (
    <Layout view={p.view} title={`Toko dekat atau di batas ${p.view.month}`}>
      <MonthForm view={p.view} />
      <p class="muted">
        Toko yang ditahan + selesai ≥ 80% dari batas bulanannya. Unduh pendapatan semua toko:{' '}
        <a href={`/dashboard/exports/shop-revenue.xlsx?month=${p.view.month}`}>XLSX</a> ·{' '}
        <a href={`/dashboard/exports/shop-revenue.csv?month=${p.view.month}`}>CSV</a>
      </p>
      <BarChart
        title="Pemakaian batas (%)"
        bars={p.rows.map((r) => ({ label: r.name, value: Math.round(r.usage * 100), low: r.usage >= 1 }))}
        format={(n) => `${n}%`}
        max={100}
      />
      <div class="scroll">
        <table id="near-cap">
          <thead>
            <tr>
              <th>Toko</th>
              <th>Kecamatan</th>
              <th class="num">Ditahan</th>
              <th class="num">Selesai</th>
              <th class="num">Batas</th>
              <th class="num">Pemakaian</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr data-shop={r.code}>
                <td>
                  <a href={`/dashboard/shops/${r.shopId}?month=${p.view.month}`}>{r.name}</a>{' '}
                  <span class="muted">{r.code}</span>
                </td>
                <td>{r.kecamatan}</td>
                <td class="num">{rp(r.held)}</td>
                <td class="num">{rp(r.committed)}</td>
                <td class="num">{rp(r.cap)}</td>
                <td class={r.usage >= 1 ? 'num bad' : 'num warn'}>{Math.floor(r.usage * 100)}%</td>
                <td>
                  {p.view.principal.role === 'admin' ? (
                    <a href={`/dashboard/shops/${r.shopId}?month=${p.view.month}`}>Ubah batas</a>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {p.rows.length === 0 ? <p>Tidak ada toko yang mendekati batasnya bulan ini.</p> : null}
      <p class="muted">{num(p.rows.length)} toko.</p>
    </Layout>
  );
}
