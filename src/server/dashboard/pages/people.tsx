import type { listBuyers, listShops, shopWithContacts } from '../../../admin/directory.repository.js';
import { checkShopQris } from '../../../payments/shop-qris.service.js';
import { num, rp, SHOP_STATUS_LABEL } from '../format.js';
import { ActionButton, Csrf, Layout, MonthForm, type View } from '../layout.js';

type BuyerRow = Awaited<ReturnType<typeof listBuyers>>[number];
type ShopRow = Awaited<ReturnType<typeof listShops>>[number];
type ShopDetail = NonNullable<Awaited<ReturnType<typeof shopWithContacts>>>;

/** Who the stored QRIS pays (merchant name and city), as the owner confirmed it in chat. */
function qrisLabel(payload: string | null): string {
  if (!payload) return 'belum ada (pembeli hanya mendapat info pembayaran teks)';
  const r = checkShopQris(payload);
  return r.ok ? `${r.merchantName}, ${r.merchantCity}` : 'tersimpan, tetapi tidak terbaca';
}

export function BuyersPage(p: { view: View; q: string; rows: readonly BuyerRow[] }) {
  return (
    <Layout view={p.view} title="ASN">
      <MonthForm view={p.view}>
        <label>
          Cari nama / HP
          <input name="q" value={p.q} />
        </label>
      </MonthForm>
      <div class="scroll">
        <table id="buyers">
          <thead>
            <tr>
              <th>Nama</th>
              <th>OPD</th>
              <th>Kelas</th>
              <th class="num">Kuota</th>
              <th class="num">Belanja {p.view.month}</th>
              <th>Aktif</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((b) => (
              <tr>
                <td>
                  <a href={`/dashboard/orders?buyerId=${b.id}&month=${p.view.month}`}>{b.name}</a>
                </td>
                <td>{b.agencyCode}</td>
                <td>{b.positionClass}</td>
                <td class="num">{rp(b.quota)}</td>
                <td class={b.committed < b.quota ? 'num warn' : 'num'}>{rp(b.committed)}</td>
                <td>{b.active ? 'ya' : 'tidak'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted">
        {num(p.rows.length)} ASN ditampilkan (maks. 200). Impor roster lewat <a href="/dashboard/uploads">Unggah</a>{' '}
        (CSV/XLSX, uji coba dulu), API <code>POST /api/uploads/roster</code> atau <code>peken import roster</code>.
      </p>
    </Layout>
  );
}

export function ShopsPage(p: { view: View; q: string; status: string; rows: readonly ShopRow[] }) {
  return (
    <Layout view={p.view} title="Toko">
      <MonthForm view={p.view}>
        <label>
          Cari
          <input name="q" value={p.q} />
        </label>
        <label>
          Status
          <select name="status">
            <option value="">semua</option>
            {Object.entries(SHOP_STATUS_LABEL).map(([s, l]) => (
              <option value={s} selected={p.status === s}>
                {l}
              </option>
            ))}
          </select>
        </label>
      </MonthForm>
      <div class="scroll">
        <table id="shops">
          <thead>
            <tr>
              <th>Toko</th>
              <th>Jenis</th>
              <th>Kelurahan</th>
              <th>Status</th>
              <th class="num">Selesai</th>
              <th class="num">Batas</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((s) => (
              <tr data-shop={s.code}>
                <td>
                  <a href={`/dashboard/shops/${s.id}?month=${p.view.month}`}>{s.name}</a>{' '}
                  <span class="muted">{s.code}</span>
                </td>
                <td>{s.kind}</td>
                <td>{s.kelurahan}</td>
                <td>
                  <span class={`badge ${s.status}`}>{SHOP_STATUS_LABEL[s.status]}</span>
                </td>
                <td class="num">{rp(s.committed)}</td>
                <td class="num">
                  {rp(s.cap)}
                  {s.capOverride !== null ? '*' : ''}
                </td>
                <td>
                  {s.status === 'pending' ? (
                    <ActionButton view={p.view} action={`/dashboard/shops/${s.id}/verify`} label="Verifikasi" />
                  ) : null}
                  {s.status !== 'suspended' ? (
                    <ActionButton view={p.view} action={`/dashboard/shops/${s.id}/suspend`} label="Bekukan" danger />
                  ) : (
                    <ActionButton view={p.view} action={`/dashboard/shops/${s.id}/reinstate`} label="Aktifkan" />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted">* batas khusus toko ini. {num(p.rows.length)} toko ditampilkan (maks. 200).</p>
    </Layout>
  );
}

export function ShopPage(p: { view: View; d: ShopDetail; defaultCap: number; held: number; committed: number }) {
  const { shop, contacts } = p.d;
  const admin = p.view.principal.role === 'admin';
  const cap = shop.cap_override ?? p.defaultCap;
  return (
    <Layout view={p.view} title={shop.name}>
      <table>
        <tbody>
          <tr>
            <th>Kode</th>
            <td>{shop.code}</td>
          </tr>
          <tr>
            <th>Status</th>
            <td>
              <span class={`badge ${shop.status}`}>{SHOP_STATUS_LABEL[shop.status]}</span>
              {shop.is_open ? '' : ' · tutup'}
            </td>
          </tr>
          <tr>
            <th>Alamat</th>
            <td>{shop.address}</td>
          </tr>
          <tr>
            <th>QRIS</th>
            <td id="qris">{qrisLabel(shop.qris)}</td>
          </tr>
          <tr>
            <th>Jam buka</th>
            <td>
              <a id="hours-link" href={`/dashboard/shops/${shop.id}/hours?month=${p.view.month}`}>
                {shop.opens_at && shop.closes_at ? `${shop.opens_at}–${shop.closes_at}` : 'jam umum'}
                {shop.is_open ? '' : ' · tutup'}
              </a>
            </td>
          </tr>
          <tr>
            <th>Bulan {p.view.month}</th>
            <td>
              ditahan {rp(p.held)} · selesai {rp(p.committed)} · batas {rp(cap)}
              {shop.cap_override !== null ? ' (khusus)' : ' (umum)'}
            </td>
          </tr>
        </tbody>
      </table>
      <p>
        {shop.status === 'pending' ? (
          <ActionButton view={p.view} action={`/dashboard/shops/${shop.id}/verify`} label="Verifikasi" />
        ) : null}{' '}
        {shop.status !== 'suspended' ? (
          <ActionButton view={p.view} action={`/dashboard/shops/${shop.id}/suspend`} label="Bekukan" danger />
        ) : (
          <ActionButton view={p.view} action={`/dashboard/shops/${shop.id}/reinstate`} label="Aktifkan lagi" />
        )}{' '}
        <a href={`/dashboard/orders?shopId=${shop.id}&month=${p.view.month}`}>Pesanan toko ini</a>
      </p>
      {admin ? (
        <form method="post" action={`/dashboard/shops/${shop.id}/cap`} class="filters">
          <Csrf view={p.view} />
          <label>
            Batas bulanan khusus (Rp; kosong = pakai batas umum {rp(p.defaultCap)})
            <input name="cap" inputmode="numeric" value={shop.cap_override === null ? '' : String(shop.cap_override)} />
          </label>
          <button type="submit">Simpan batas</button>
        </form>
      ) : null}
      {admin ? (
        <form method="post" action={`/dashboard/shops/${shop.id}/qris`} class="filters" id="qris-form">
          <Csrf view={p.view} />
          <label>
            QRIS statis toko (teks QR dari stiker, 000201…; kosong = hapus)
            <input name="qris" value={shop.qris ?? ''} maxlength={2000} />
          </label>
          <button type="submit">Simpan QRIS</button>
        </form>
      ) : null}
      <h2>Kontak</h2>
      <table id="contacts">
        <thead>
          <tr>
            <th>Nama</th>
            <th>HP</th>
            <th>Peran</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          {contacts.map((k) => (
            <tr>
              <td>{k.name}</td>
              <td>{k.phone}</td>
              <td>{k.role === 'owner' ? 'pemilik' : 'pembantu'}</td>
              <td>
                {k.role === 'helper' ? (
                  <ActionButton
                    view={p.view}
                    action={`/dashboard/shops/${shop.id}/contacts/${k.id}/delete`}
                    label="Hapus"
                    danger
                  />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {admin ? (
        <form method="post" action={`/dashboard/shops/${shop.id}/contacts`} class="filters">
          <Csrf view={p.view} />
          <label>
            Nama
            <input name="name" required />
          </label>
          <label>
            HP
            <input name="phone" required inputmode="tel" />
          </label>
          <input type="hidden" name="role" value="helper" />
          <button type="submit">Tambah pembantu</button>
        </form>
      ) : null}
    </Layout>
  );
}
