import type { OpenOrdersReport } from '../../../orders/open-orders.js';
import { num, rp, STATUS_LABEL, wib } from '../format.js';
import { Layout, type View } from '../layout.js';

const REVIEW_LABEL: Record<string, string> = { dispute: 'sengketa', payment_overdue: 'pembayaran belum dikonfirmasi' };

/**
 * Orders of a month still open (reserved, accepted, delivered), with what each still holds against its shop's
 * cap as the ledger says: the list admins get on the 1st for the month that ended.
 */
export function OpenOrdersPage(p: { view: View; report: OpenOrdersReport }) {
  const r = p.report;
  return (
    <Layout view={p.view} title={`Pesanan masih terbuka · ${r.period}`}>
      <form class="filters" method="get" action="/dashboard/open-orders">
        <input type="hidden" name="month" value={p.view.month} />
        <label>
          Bulan pesanan
          <input type="month" name="period" value={r.period} required />
        </label>
        <button type="submit" class="secondary">
          Tampilkan
        </button>
      </form>
      <p id="open-summary">
        <strong data-count={r.count}>{num(r.count)}</strong> pesanan masih terbuka, menahan{' '}
        <strong id="open-held" data-held={r.held}>
          {rp(r.held)}
        </strong>{' '}
        dari batas toko.
      </p>
      <div class="scroll">
        <table id="open-orders">
          <thead>
            <tr>
              <th>Kode</th>
              <th>Status</th>
              <th>Toko</th>
              <th>ASN</th>
              <th class="num">Total</th>
              <th class="num">Ditahan</th>
              <th>Dipesan (WIB)</th>
              <th>Batas waktu (WIB)</th>
              <th>Ditinjau</th>
            </tr>
          </thead>
          <tbody>
            {r.orders.map((o) => (
              <tr data-code={o.code} data-held={o.held}>
                <td>
                  <a href={`/dashboard/orders/${o.code}`}>{o.code}</a>
                </td>
                <td>
                  <span class={`badge ${o.status}`}>{STATUS_LABEL[o.status] ?? o.status}</span>
                </td>
                <td>{o.shop_name}</td>
                <td>{o.buyer_name}</td>
                <td class="num">{rp(o.total)}</td>
                <td class="num held">{rp(o.held)}</td>
                <td>{wib(o.reserved_at)}</td>
                <td>{wib(o.expires_at)}</td>
                <td>
                  {o.review_reason ? (
                    <a href={`/dashboard/review/${o.code}`}>{REVIEW_LABEL[o.review_reason] ?? o.review_reason}</a>
                  ) : (
                    '–'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {r.count === 0 ? <p>Tidak ada pesanan bulan ini yang masih terbuka.</p> : null}
    </Layout>
  );
}
