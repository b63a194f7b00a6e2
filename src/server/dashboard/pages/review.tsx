import type { ReviewDetail, ReviewRow, PaymentStatement } from '../../../orders/review.service.js';
import { rp, STATUS_LABEL, wib } from '../format.js';
import { Csrf, Layout, type View } from '../layout.js';

const REASON_LABEL: Record<string, string> = {
  dispute: 'sengketa pembayaran',
  payment_overdue: 'pembayaran belum dikonfirmasi',
};
const SAID_LABEL: Record<PaymentStatement['said'], string> = {
  paid: 'sudah bayar',
  not_paid: 'belum bayar',
  received: 'uang sudah diterima',
  not_received: 'uang belum diterima',
};
const METHOD_LABEL: Record<string, string> = { qris: 'QRIS', transfer: 'transfer', cash: 'tunai' };
const ACTOR_LABEL: Record<string, string> = { buyer: 'pembeli', shop: 'toko', admin: 'admin', system: 'sistem' };

/** "sudah bayar (transfer) · 10/11/26 10.00 · telegram", or a dash when that side said nothing. */
function Said(p: { s: PaymentStatement | null }) {
  const s = p.s;
  if (!s) return <span class="muted">–</span>;
  return (
    <span class={`said ${s.said}`}>
      <strong>{SAID_LABEL[s.said]}</strong>
      {s.method ? ` (${METHOD_LABEL[s.method] ?? s.method})` : ''} · {wib(s.at)}
      {s.channel ? ` · ${s.channel}` : ''}
    </span>
  );
}

export function ReviewListPage(p: { view: View; rows: readonly ReviewRow[] }) {
  return (
    <Layout view={p.view} title="Perlu ditinjau">
      <p class="muted">
        Pesanan yang disengketakan atau pembayarannya belum dikonfirmasi. Hold tetap berlaku sampai admin menyelesaikan
        atau membatalkan.
      </p>
      <div class="scroll">
        <table id="review">
          <thead>
            <tr>
              <th>Kode</th>
              <th>Alasan</th>
              <th>Status</th>
              <th>ASN</th>
              <th>Toko</th>
              <th class="num">Total</th>
              <th>Pembeli bilang</th>
              <th>Toko bilang</th>
              <th>Sejak (WIB)</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr data-code={r.code}>
                <td>
                  <a href={`/dashboard/review/${r.code}`}>{r.code}</a>
                </td>
                <td>{REASON_LABEL[r.review_reason ?? ''] ?? r.review_reason}</td>
                <td>
                  <span class={`badge ${r.status}`}>{STATUS_LABEL[r.status] ?? r.status}</span>
                </td>
                <td>{r.buyer_name}</td>
                <td>{r.shop_name}</td>
                <td class="num">{rp(r.total)}</td>
                <td>
                  <Said s={r.statements.buyer} />
                </td>
                <td>
                  <Said s={r.statements.shop} />
                </td>
                <td>{wib(r.review_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {p.rows.length === 0 ? <p>Tidak ada pesanan yang perlu ditinjau.</p> : null}
    </Layout>
  );
}

export function ReviewDetailPage(p: { view: View; d: ReviewDetail; receiptUrl: string | null }) {
  const { order: o, items, events, statements } = p.d;
  const open = o.review_reason !== null && (o.status === 'accepted' || o.status === 'delivered');
  return (
    <Layout view={p.view} title={`Tinjau ${o.code}`}>
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
            <th>Alasan tinjau</th>
            <td id="review-reason">{o.review_reason ? (REASON_LABEL[o.review_reason] ?? o.review_reason) : '–'}</td>
          </tr>
          <tr>
            <th>Total</th>
            <td>{rp(o.total)}</td>
          </tr>
          <tr>
            <th>Pembeli bilang</th>
            <td id="buyer-said">
              <Said s={statements.buyer} />
            </td>
          </tr>
          <tr>
            <th>Toko bilang</th>
            <td id="shop-said">
              <Said s={statements.shop} />
            </td>
          </tr>
          <tr>
            <th>Diterima / dikirim (WIB)</th>
            <td>
              {wib(o.accepted_at)} / {wib(o.delivered_at)}
            </td>
          </tr>
        </tbody>
      </table>
      {p.receiptUrl ? (
        <>
          <h2>Bukti bayar dari pembeli</h2>
          <p>
            <a href={p.receiptUrl}>
              <img
                id="receipt"
                src={p.receiptUrl}
                alt={`bukti bayar ${o.code}`}
                style="max-width:320px;max-height:420px"
              />
            </a>
          </p>
        </>
      ) : null}
      <h2>Barang</h2>
      <table id="items">
        <thead>
          <tr>
            <th>Barang</th>
            <th class="num">Jumlah</th>
            <th class="num">Harga</th>
            <th class="num">Subtotal</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr>
              <td>
                {i.name}
                {i.unit ? ` (${i.unit})` : ''}
              </td>
              <td class="num">{i.quantity}</td>
              <td class="num">{rp(i.price)}</td>
              <td class="num">{rp(i.price * i.quantity)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Riwayat pesanan</h2>
      <table id="events">
        <thead>
          <tr>
            <th>Waktu (WIB)</th>
            <th>Siapa</th>
            <th>Saluran</th>
            <th>Kejadian</th>
            <th>Status</th>
            <th>Rincian</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr data-event={e.event}>
              <td>{wib(e.at)}</td>
              <td>
                {ACTOR_LABEL[e.actorKind]}
                {e.actor ? ` ${e.actor}` : ''}
              </td>
              <td>{e.channel ?? '–'}</td>
              <td>{e.event}</td>
              <td>
                {e.from && e.to && e.from !== e.to
                  ? `${STATUS_LABEL[e.from] ?? e.from} → ${STATUS_LABEL[e.to] ?? e.to}`
                  : (STATUS_LABEL[e.to ?? ''] ?? '')}
              </td>
              <td>
                {e.detail
                  ? Object.entries(e.detail)
                      .filter(([, v]) => v !== null)
                      .map(([k, v]) => `${k}: ${String(v)}`)
                      .join(', ')
                  : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {open && p.view.principal.role === 'admin' ? (
        <>
          <h2>Putuskan</h2>
          <form id="resolve" method="post" action={`/dashboard/review/${o.code}/resolve`}>
            <Csrf view={p.view} />
            <label>
              Alasan (dikirim ke pembeli dan toko, dicatat di log audit)
              <textarea name="reason" required maxlength={300} rows={3} />
            </label>
            <button type="submit" name="outcome" value="complete">
              Selesaikan (omzet dicatat)
            </button>{' '}
            <button type="submit" name="outcome" value="cancel" class="danger">
              Batalkan (hold dilepas)
            </button>
          </form>
        </>
      ) : null}
    </Layout>
  );
}
