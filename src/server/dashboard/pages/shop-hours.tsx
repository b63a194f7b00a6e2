import type { Selectable } from 'kysely';
import type { ShopHoursStatus } from '../../../shops/shop-hours.service.js';
import type { ShopTable } from '../../../shops/shop.table.js';
import { wib } from '../format.js';
import { Csrf, Layout, type View } from '../layout.js';

/** "Buka sekarang", "Tutup · buka lagi 06:00 (2026-11-11)" or closed until the owner says "buka". */
function NowLabel(p: { s: ShopHoursStatus }) {
  const { s } = p;
  if (s.openNow)
    return (
      <span class="badge active" data-state="open">
        buka sekarang
      </span>
    );
  const when = s.reopens
    ? ` · buka lagi ${s.reopens.time} WIB (${s.reopens.date})`
    : ' · sampai pemilik mengetik "buka"';
  return (
    <span class="badge suspended" data-state={s.takesOrders ? 'outside-hours' : 'closed'}>
      {s.takesOrders ? 'di luar jam buka' : 'tutup'}
      {when}
    </span>
  );
}

/**
 * A shop's opening hours. Everyone signed in reads them; admins change them (the same service, validation
 * and audit as PUT /api/shops/{id}/hours). Orders outside the hours wait and their clocks run in these hours.
 */
export function ShopHoursPage(p: {
  view: View;
  shop: Selectable<ShopTable>;
  status: ShopHoursStatus;
  defaults: { open: string; close: string };
}) {
  const { shop, status: s } = p;
  const admin = p.view.principal.role === 'admin';
  return (
    <Layout view={p.view} title={`Jam buka ${shop.name}`}>
      <table id="hours">
        <tbody>
          <tr>
            <th>Jam buka (WIB)</th>
            <td id="hours-range">
              {s.open}–{s.close}
            </td>
          </tr>
          <tr>
            <th>Sumber</th>
            <td id="hours-source">
              {s.own
                ? 'jam toko ini'
                : `jam umum (${p.defaults.open}–${p.defaults.close}, pengaturan shop_hours_default)`}
            </td>
          </tr>
          <tr>
            <th>Sekarang</th>
            <td id="hours-now">
              <NowLabel s={s} />
            </td>
          </tr>
          <tr>
            <th>Libur / tutup sementara</th>
            <td id="hours-closure">{s.closure ? `${wib(s.closure.from)} sampai ${wib(s.closure.until)}` : '–'}</td>
          </tr>
        </tbody>
      </table>
      <p class="muted">
        Di luar jam buka toko tetap tampil dengan jam bukanya; pesanan menunggu dan batas waktunya dihitung dalam jam
        buka.
      </p>
      {admin ? (
        <>
          <form id="hours-form" method="post" action={`/dashboard/shops/${shop.id}/hours`} class="filters">
            <Csrf view={p.view} />
            <label>
              Buka
              <input type="time" name="open" value={s.open} required />
            </label>
            <label>
              Tutup
              <input type="time" name="close" value={s.close} required />
            </label>
            <button type="submit">Simpan jam buka</button>
          </form>
          {s.own ? (
            <form method="post" action={`/dashboard/shops/${shop.id}/hours`} class="inline">
              <Csrf view={p.view} />
              <input type="hidden" name="reset" value="1" />
              <button type="submit" class="secondary">
                Pakai jam umum
              </button>
            </form>
          ) : null}
        </>
      ) : null}
      <p>
        <a href={`/dashboard/shops/${shop.id}?month=${p.view.month}`}>Kembali ke toko</a>
      </p>
    </Layout>
  );
}
