import type { OrderListRow, OrderSearch } from '../../../reports/order-search.js';
import type { createReportService } from '../../../reports/report.service.js';
import { ORDER_STATUSES } from '../../../orders/order.table.js';
import { num, rp, STATUS_LABEL, wib } from '../format.js';
import { Layout, type View } from '../layout.js';

type Detail = NonNullable<Awaited<ReturnType<ReturnType<typeof createReportService>['orderDetail']>>>;

export function OrdersPage(p: { view: View; f: OrderSearch; rows: readonly OrderListRow[] }) {
  const { f } = p;
  const next = new URLSearchParams(
    Object.entries({ ...f, offset: f.offset + f.limit })
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );
  return (
    <Layout view={p.view} title="Cari pesanan">
      <form class="filters" method="get" action="/dashboard/orders">
        <label>
          Kode
          <input name="code" value={f.code ?? ''} placeholder="PK-…" />
        </label>
        <label>
          ID ASN
          <input name="buyerId" inputmode="numeric" value={f.buyerId ? String(f.buyerId) : ''} />
        </label>
        <label>
          ID toko
          <input name="shopId" inputmode="numeric" value={f.shopId ? String(f.shopId) : ''} />
        </label>
        <label>
          Status
          <select name="status">
            <option value="">semua</option>
            {ORDER_STATUSES.map((s) => (
              <option value={s} selected={f.status === s}>
                {STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Bulan
          <input type="month" name="month" value={f.month ?? ''} />
        </label>
        <button type="submit" class="secondary">
          Cari
        </button>
      </form>
      <div class="scroll">
        <table id="orders">
          <thead>
            <tr>
              <th>Kode</th>
              <th>Status</th>
              <th>ASN</th>
              <th>Toko</th>
              <th class="num">Total</th>
              <th>Dibuat (WIB)</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((o) => (
              <tr data-code={o.code}>
                <td>
                  <a href={`/dashboard/orders/${o.code}`}>{o.code}</a>
                </td>
                <td>
                  <span class={`badge ${o.status}`}>{STATUS_LABEL[o.status] ?? o.status}</span>
                </td>
                <td>
                  <a href={`/dashboard/orders?buyerId=${o.buyerId}`}>{o.buyerName}</a>{' '}
                  <span class="muted">{o.agencyCode}</span>
                </td>
                <td>
                  <a href={`/dashboard/orders?shopId=${o.shopId}`}>{o.shopName}</a>
                </td>
                <td class="num">{rp(o.total)}</td>
                <td>{wib(o.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted">
        {num(p.rows.length)} pesanan ditampilkan.
        {p.rows.length === f.limit ? (
          <>
            {' '}
            <a href={`/dashboard/orders?${next.toString()}`}>Berikutnya →</a>
          </>
        ) : null}
      </p>
    </Layout>
  );
}

export function OrderDetailPage(p: { view: View; d: Detail }) {
  const { order: o, items, entries, buyer, shop } = p.d;
  return (
    <Layout view={p.view} title={`Pesanan ${o.code}`}>
      <table>
        <tbody>
          <tr>
            <th>Status</th>
            <td>
              <span class={`badge ${o.status}`}>{STATUS_LABEL[o.status] ?? o.status}</span>
              {o.reason ? ` (${o.reason})` : ''}
            </td>
          </tr>
          <tr>
            <th>ASN</th>
            <td>
              {buyer?.name} <span class="muted">{buyer?.agency_name}</span>
            </td>
          </tr>
          <tr>
            <th>Toko</th>
            <td>{shop ? <a href={`/dashboard/shops/${shop.id}`}>{shop.name}</a> : '–'}</td>
          </tr>
          <tr>
            <th>Total</th>
            <td>
              {rp(o.total)}
              {o.status === 'completed' ? (
                <>
                  {' '}
                  ·{' '}
                  <a id="kuitansi" href={`/dashboard/orders/${o.code}/kuitansi.pdf`}>
                    kuitansi (PDF)
                  </a>
                </>
              ) : null}
            </td>
          </tr>
          <tr>
            <th>Bulan</th>
            <td>{o.period ?? '–'}</td>
          </tr>
          <tr>
            <th>Pengiriman</th>
            <td>
              {o.fulfilment === 'delivery' ? 'diantar' : 'diambil'}
              {o.note ? ` · ${o.note}` : ''}
            </td>
          </tr>
          <tr>
            <th>Dibuat / diterima / dikirim / dibayar / ditutup</th>
            <td>{[o.created_at, o.accepted_at, o.delivered_at, o.paid_at, o.closed_at].map(wib).join(' / ')}</td>
          </tr>
        </tbody>
      </table>
      <h2>Barang</h2>
      <table id="items">
        <thead>
          <tr>
            <th>#</th>
            <th>Barang</th>
            <th class="num">Jumlah</th>
            <th class="num">Harga</th>
            <th class="num">Subtotal</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr>
              <td>{i.line_no}</td>
              <td>
                {i.name} {i.unit ? <span class="muted">({i.unit})</span> : null}
              </td>
              <td class="num">{i.quantity}</td>
              <td class="num">{rp(i.price)}</td>
              <td class="num">{rp(i.price * i.quantity)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Catatan buku besar</h2>
      <table id="ledger-entries">
        <thead>
          <tr>
            <th>#</th>
            <th>Akun</th>
            <th>Bulan</th>
            <th>Langkah</th>
            <th class="num">Jumlah</th>
            <th>Waktu (WIB)</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr data-kind={e.kind}>
              <td>{e.id}</td>
              <td>{e.account}</td>
              <td>{e.period}</td>
              <td>{e.kind}</td>
              <td class="num">{rp(e.amount)}</td>
              <td>{wib(e.created_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
