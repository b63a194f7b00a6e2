import type { Overview } from '../../../reports/report.types.js';
import { BarChart } from '../bar-chart.js';
import { num, pct, rp, STATUS_LABEL } from '../format.js';
import { Layout, MonthForm, type View } from '../layout.js';

function Card(p: { id: string; label: string; value: string; note?: string }) {
  return (
    <div class="card" data-metric={p.id}>
      <div class="label">{p.label}</div>
      <div class="value">{p.value}</div>
      {p.note ? <div class="muted">{p.note}</div> : null}
    </div>
  );
}

export function OverviewPage(p: { view: View; o: Overview }) {
  const { o } = p;
  const statuses = Object.entries(o.ordersByStatus);
  return (
    <Layout view={p.view} title={`Ringkasan ${o.period}`}>
      <MonthForm view={p.view} />
      <div class="cards">
        <Card id="turnover" label="Perputaran (transaksi selesai)" value={rp(o.turnover)} />
        <Card
          id="asn-shopped"
          label="ASN yang berbelanja"
          value={`${num(o.asnShopped)} / ${num(o.activeAsn)}`}
          note={pct(o.asnShopped, o.activeAsn)}
        />
        <Card
          id="shops-helped"
          label="Toko terbantu"
          value={`${num(o.shopsHelped)} / ${num(o.activeShops)}`}
          note="toko dengan ≥1 pesanan selesai / toko aktif"
        />
        <Card id="avg-per-shop" label="Rata-rata pendapatan per toko terbantu" value={rp(o.avgRevenuePerHelpedShop)} />
      </div>
      <h2>Pesanan menurut status</h2>
      <BarChart
        title="Pesanan menurut status"
        bars={statuses.map(([s, n]) => ({ label: STATUS_LABEL[s] ?? s, value: n }))}
        format={num}
      />
      <div class="scroll">
        <table id="orders-by-status">
          <thead>
            <tr>
              <th>Status</th>
              <th class="num">Jumlah</th>
            </tr>
          </thead>
          <tbody>
            {statuses.map(([s, n]) => (
              <tr data-status={s}>
                <td>{STATUS_LABEL[s] ?? s}</td>
                <td class="num">{num(n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted">Semua angka dihitung dari buku besar (ledger) dan tabel pesanan untuk bulan {o.period} (WIB).</p>
    </Layout>
  );
}
