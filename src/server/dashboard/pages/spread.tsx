import type { Spread } from '../../../reports/spread.service.js';
import { BarChart } from '../bar-chart.js';
import { num, rp } from '../format.js';
import { Layout, MonthForm, type View } from '../layout.js';
import { LorenzChart } from '../lorenz-chart.js';

const gini = (g: number) => g.toFixed(3).replace('.', ',');

/** Issue 20: how evenly the month's money spread over the verified shops. */
export function SpreadPage(p: { view: View; s: Spread }) {
  const { s } = p;
  return (
    <Layout view={p.view} title={`Pemerataan ${p.view.month}`}>
      <MonthForm view={p.view} />
      <p>
        Gini pendapatan toko:{' '}
        <strong id="gini" data-gini={String(s.gini)}>
          {gini(s.gini)}
        </strong>{' '}
        (0 = merata, 1 = satu toko mengambil semua) atas {num(s.shops)} toko terverifikasi, termasuk yang belum
        berpendapatan; total {rp(s.revenue)}.
      </p>
      <LorenzChart title="Kurva Lorenz pendapatan toko" points={s.lorenz} />
      <h2>Per kecamatan</h2>
      <div class="scroll">
        <table id="spread-kecamatan">
          <thead>
            <tr>
              <th>Kecamatan</th>
              <th class="num">Toko</th>
              <th class="num">Pendapatan</th>
              <th class="num">Gini</th>
            </tr>
          </thead>
          <tbody>
            {s.byKecamatan.map((k) => (
              <tr data-kecamatan={k.code} data-gini={String(k.gini)}>
                <td>{k.name}</td>
                <td class="num">{num(k.shops)}</td>
                <td class="num">{rp(k.revenue)}</td>
                <td class="num">{gini(k.gini)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Toko yang belum ada pesanan bulan ini ({num(s.noOrderYet.length)})</h2>
      <div class="scroll">
        <table id="no-order">
          <thead>
            <tr>
              <th>Toko</th>
              <th>Kecamatan</th>
              <th>Bisa dihubungi</th>
            </tr>
          </thead>
          <tbody>
            {s.noOrderYet.map((x) => (
              <tr data-shop={x.code} data-reachable={x.reachable ? '1' : '0'}>
                <td>
                  <a href={`/dashboard/shops/${x.shopId}?month=${p.view.month}`}>{x.name}</a>{' '}
                  <span class="muted">{x.code}</span>
                </td>
                <td>{x.kecamatan}</td>
                <td class={x.reachable ? '' : 'bad'}>
                  {x.reachable ? `ya (${x.channels.join(', ')})` : 'tidak: belum ada chat tertaut'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {s.noOrderYet.length === 0 ? <p>Semua toko sudah mendapat pesanan bulan ini.</p> : null}
      <h2>Gini hari demi hari</h2>
      <BarChart
        title="Gini pendapatan sampai akhir hari"
        bars={s.trend.map((d) => ({ label: d.date, value: d.gini }))}
        format={gini}
        max={1}
      />
    </Layout>
  );
}
