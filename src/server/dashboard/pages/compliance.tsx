import type { BuyerComplianceRow, ComplianceRow } from '../../../reports/report.types.js';
import { BarChart } from '../bar-chart.js';
import { num, pct, rp } from '../format.js';
import { Layout, MonthForm, type View } from '../layout.js';

export function CompliancePage(p: {
  view: View;
  rows: readonly ComplianceRow[];
  below: readonly BuyerComplianceRow[];
  agencyId?: number;
}) {
  const withAsn = p.rows.filter((r) => r.activeAsn > 0);
  const exportQs = `month=${p.view.month}${p.agencyId ? `&agencyId=${p.agencyId}` : ''}`;
  return (
    <Layout view={p.view} title={`Kepatuhan OPD ${p.view.month}`}>
      <MonthForm view={p.view}>
        <label>
          OPD
          <select name="agencyId">
            <option value="">semua</option>
            {p.rows.map((r) => (
              <option value={String(r.agencyId)} selected={r.agencyId === p.agencyId}>
                {r.agencyName}
              </option>
            ))}
          </select>
        </label>
      </MonthForm>
      <p>
        Unduh: <a href={`/dashboard/exports/compliance.xlsx?${exportQs}`}>kepatuhan (XLSX)</a> ·{' '}
        <a href={`/dashboard/exports/compliance.csv?${exportQs}`}>CSV</a> ·{' '}
        <a href={`/dashboard/exports/spj.xlsx?${exportQs}`}>pesanan untuk SPJ (XLSX)</a> ·{' '}
        <a href={`/dashboard/exports/spj.csv?${exportQs}`}>CSV</a> ·{' '}
        <a href={`/dashboard/exports/spj.pdf?${exportQs}`}>rekap SPJ per OPD dengan BAST (PDF)</a>
      </p>
      <h2>ASN memenuhi kuota per OPD</h2>
      <BarChart
        title="Persentase ASN memenuhi kuota per OPD"
        bars={withAsn.map((r) => ({
          label: r.agencyName,
          value: Math.round((r.metQuota * 100) / r.activeAsn),
          low: r.metQuota * 2 < r.activeAsn,
        }))}
        format={(n) => `${n}%`}
        max={100}
      />
      <div class="scroll">
        <table id="compliance">
          <thead>
            <tr>
              <th>OPD</th>
              <th class="num">ASN aktif</th>
              <th class="num">Memenuhi</th>
              <th class="num">Di bawah kuota</th>
              <th class="num">%</th>
              <th class="num">Belanja selesai</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr data-agency={r.agencyCode}>
                <td>
                  <a href={`/dashboard/compliance?month=${p.view.month}&agencyId=${r.agencyId}`}>{r.agencyName}</a>
                </td>
                <td class="num">{num(r.activeAsn)}</td>
                <td class="num">{num(r.metQuota)}</td>
                <td class="num">{num(r.belowQuota)}</td>
                <td class="num">{pct(r.metQuota, r.activeAsn)}</td>
                <td class="num">{rp(r.committed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>ASN di bawah kuota{p.agencyId ? '' : ' (200 pertama)'}</h2>
      <div class="scroll">
        <table id="below-quota">
          <thead>
            <tr>
              <th>Nama</th>
              <th>OPD</th>
              <th>Kelas</th>
              <th class="num">Kuota</th>
              <th class="num">Belanja</th>
              <th class="num">Kekurangan</th>
            </tr>
          </thead>
          <tbody>
            {p.below.map((b) => (
              <tr>
                <td>{b.name}</td>
                <td>{b.agencyCode}</td>
                <td>{b.positionClass}</td>
                <td class="num">{rp(b.quota)}</td>
                <td class="num">{rp(b.committed)}</td>
                <td class="num warn">{rp(b.shortfall)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
