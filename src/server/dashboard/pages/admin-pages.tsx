import type { AuditLogTable } from '../../../audit/audit.table.js';
import type { Selectable } from 'kysely';
import { SETTINGS } from '../../../settings/settings.schema.js';
import { wib } from '../format.js';
import { Csrf, Layout, type View } from '../layout.js';

export function SettingsPage(p: { view: View; values: Record<string, unknown> }) {
  const admin = p.view.principal.role === 'admin';
  return (
    <Layout view={p.view} title="Pengaturan">
      <div class="scroll">
        <table id="settings">
          <thead>
            <tr>
              <th>Kunci</th>
              <th>Nilai</th>
              <th>Keterangan</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(SETTINGS).map(([key, s]) => (
              <tr data-key={key}>
                <td>
                  <code>{key}</code>
                </td>
                <td>
                  {admin ? (
                    <form class="inline" method="post" action="/dashboard/settings">
                      <Csrf view={p.view} />
                      <input type="hidden" name="key" value={key} />
                      <input name="value" value={JSON.stringify(p.values[key])} aria-label={key} />{' '}
                      <button type="submit">Simpan</button>
                    </form>
                  ) : (
                    <code>{JSON.stringify(p.values[key])}</code>
                  )}
                </td>
                <td class="muted">{s.help}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted">
        Nilai ditulis sebagai JSON (angka, null, "teks", [20, 27]). Setiap perubahan dicatat di log audit.
      </p>
    </Layout>
  );
}

export function AuditPage(p: { view: View; rows: readonly Selectable<AuditLogTable>[]; offset: number }) {
  return (
    <Layout view={p.view} title="Log audit">
      <div class="scroll">
        <table id="audit">
          <thead>
            <tr>
              <th>Waktu (WIB)</th>
              <th>Siapa</th>
              <th>Apa</th>
              <th>Objek</th>
              <th>Sebelum</th>
              <th>Sesudah</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr>
                <td>{wib(r.at)}</td>
                <td>{r.actor}</td>
                <td>{r.action}</td>
                <td>
                  {r.entity}
                  {r.entity_id ? ` ${r.entity_id}` : ''}
                </td>
                <td>
                  <code>{r.before ?? ''}</code>
                </td>
                <td>
                  <code>{r.after ?? ''}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {p.rows.length === 100 ? (
        <p>
          <a href={`/dashboard/audit?offset=${p.offset + 100}`}>Lebih lama →</a>
        </p>
      ) : null}
    </Layout>
  );
}

/** The WhatsApp gateway's state, with the pairing QR (already rendered to SVG markup by the qrcode package). */
export function WhatsappPage(p: { view: View; state: string | null; qrSvg: string | null }) {
  return (
    <Layout view={p.view} title="Sesi WhatsApp">
      {p.state === null ? (
        <p>Gateway WhatsApp tidak berjalan di proses ini (WHATSAPP_ENABLED=0).</p>
      ) : (
        <p>
          Status: <strong id="wa-state">{p.state}</strong>
        </p>
      )}
      {p.qrSvg ? (
        <>
          <p>
            Pindai kode ini dari WhatsApp di HP toko: Perangkat tertaut → Tautkan perangkat. Halaman ini dimuat ulang
            tiap 15 detik.
          </p>
          <div style="max-width:320px" dangerouslySetInnerHTML={{ __html: p.qrSvg }} />
          <meta http-equiv="refresh" content="15" />
        </>
      ) : null}
    </Layout>
  );
}
