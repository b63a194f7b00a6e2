import type { Child } from 'hono/jsx';
import type { Principal } from '../../admin/principal.js';

/** What every page needs to know about the request. */
export interface View {
  principal: Principal;
  csrf: string;
  month: string;
  path: string;
}

const NAV: ReadonlyArray<[string, string]> = [
  ['/dashboard', 'Ringkasan'],
  ['/dashboard/mayor', 'Pantauan wali kota'],
  ['/dashboard/compliance', 'Kepatuhan OPD'],
  ['/dashboard/kecamatan', 'Per kecamatan'],
  ['/dashboard/near-cap', 'Toko dekat batas'],
  ['/dashboard/spread', 'Pemerataan'],
  ['/dashboard/broadcasts', 'Siaran'],
  ['/dashboard/orders', 'Pesanan'],
  ['/dashboard/review', 'Perlu ditinjau'],
  ['/dashboard/open-orders', 'Pesanan terbuka'],
  ['/dashboard/buyers', 'ASN'],
  ['/dashboard/shops', 'Toko'],
  ['/dashboard/uploads', 'Unggah'],
  ['/dashboard/quota-rules', 'Aturan kuota'],
  ['/dashboard/invites', 'Undangan toko'],
  ['/dashboard/settings', 'Pengaturan'],
  ['/dashboard/audit', 'Log audit'],
  ['/dashboard/whatsapp', 'WhatsApp'],
];

/** The pages an opd_admin may open (server/admin/auth.ts has the same list for every request). */
const OPD_NAV = new Set(['/dashboard/compliance', '/dashboard/broadcasts', '/dashboard/buyers']);
const ROLE_LABEL: Record<Principal['role'], string> = { admin: 'admin', opd_admin: 'admin OPD', viewer: 'viewer' };

/** The hidden CSRF field every form carries. */
export const Csrf = (p: { view: View }) => <input type="hidden" name="_csrf" value={p.view.csrf} />;

/** A POST button for one admin action (verify, suspend…), hidden from viewers. */
export function ActionButton(p: {
  view: View;
  action: string;
  label: string;
  danger?: boolean;
  fields?: Record<string, string>;
}) {
  // opd_admins see only their OPD's pages, where every button is theirs to press.
  if (p.view.principal.role === 'viewer') return null;
  return (
    <form class="inline" method="post" action={p.action}>
      <Csrf view={p.view} />
      {Object.entries(p.fields ?? {}).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <button type="submit" class={p.danger ? 'danger' : ''}>
        {p.label}
      </button>
    </form>
  );
}

/** A GET form with the month selector and any other filters of the page. */
export function MonthForm(p: { view: View; children?: Child }) {
  return (
    <form class="filters" method="get" action={p.view.path}>
      <label>
        Bulan
        <input type="month" name="month" value={p.view.month} required />
      </label>
      {p.children}
      <button type="submit" class="secondary">
        Tampilkan
      </button>
    </form>
  );
}

export function Layout(p: { view: View; title: string; children?: Child }) {
  const { view } = p;
  return (
    <html lang="id">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${p.title} · peken`}</title>
        <link rel="stylesheet" href="/dashboard/static/style.css" />
      </head>
      <body>
        <header class="top">
          <strong>peken</strong>
          <nav>
            {NAV.filter(([href]) => view.principal.role !== 'opd_admin' || OPD_NAV.has(href)).map(([href, label]) => (
              <a href={`${href}?month=${view.month}`} class={view.path === href ? 'on' : ''}>
                {label}
              </a>
            ))}
            {view.principal.role === 'admin' ? <a href="/admin/queues">Antrian</a> : null}
            <a href="/chat">Chat web</a>
          </nav>
          <span class="who">
            {view.principal.name} ({ROLE_LABEL[view.principal.role]}){' '}
            <form class="inline" method="post" action="/logout">
              <Csrf view={view} />
              <button type="submit" class="secondary">
                Keluar
              </button>
            </form>
          </span>
        </header>
        <main class="page">
          <h1>{p.title}</h1>
          {p.children}
        </main>
      </body>
    </html>
  );
}
