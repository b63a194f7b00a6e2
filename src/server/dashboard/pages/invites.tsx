import type { InviteLink } from '../../../shops/invite-links.js';
import type { ShopInvitation } from '../../../shops/shop-invite.service.js';
import { num } from '../format.js';
import { ActionButton, Layout, type View } from '../layout.js';

export interface InviteRow {
  inv: ShopInvitation;
  links: InviteLink[];
}

const CHANNEL_LABEL: Record<InviteLink['channel'], string> = {
  whatsapp: 'WhatsApp',
  telegram: 'Telegram',
  web: 'Chat web (demo)',
};

const qrSrc = (shopId: number, channel: string) => `/dashboard/invites/${shopId}/qr.png?channel=${channel}`;

/** Verified shops that nobody can answer for, each with links (to copy and send) and QR codes to print. */
export function InvitesPage(p: { view: View; rows: readonly InviteRow[] }) {
  return (
    <Layout view={p.view} title="Undangan toko">
      <p>
        Toko terverifikasi di bawah ini <strong>belum bisa dihubungi</strong>: belum ada kontaknya (pemilik atau
        pembantu) yang tersambung lewat chat di saluran yang berjalan, sehingga toko tidak tampil untuk pembeli. Kirim
        tautan kepada pemiliknya atau cetak undangannya; setelah ia membuka tautan dan nomornya cocok dengan kontak
        toko, toko tampil lagi dan pesanan yang menunggu sampai kepadanya.
      </p>
      <p>
        <a href="/dashboard/invites/print" id="print-all">
          Cetak semua undangan
        </a>{' '}
        · {num(p.rows.length)} toko
      </p>
      <div class="scroll">
        <table id="invites">
          <thead>
            <tr>
              <th>Toko</th>
              <th>Tautan undangan</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map(({ inv, links }) => (
              <tr data-shop-id={String(inv.shopId)}>
                <td>
                  <a href={`/dashboard/shops/${inv.shopId}`}>{inv.shopName}</a>{' '}
                  <span class="muted">{inv.shopCode}</span>
                  <br />
                  <span class="muted">{inv.kelurahan ?? ''}</span>
                </td>
                <td>
                  {links.map((l) =>
                    l.url !== null ? (
                      <div class="invite-link" data-channel={l.channel}>
                        <label>
                          {CHANNEL_LABEL[l.channel]}
                          <input readonly value={l.url} size={60} aria-label={`Tautan ${CHANNEL_LABEL[l.channel]}`} />
                        </label>
                        <img
                          src={qrSrc(inv.shopId, l.channel)}
                          width={96}
                          height={96}
                          alt={`QR ${CHANNEL_LABEL[l.channel]}`}
                        />
                      </div>
                    ) : (
                      <div class="invite-link muted" data-channel={l.channel} data-missing={l.missing}>
                        {CHANNEL_LABEL[l.channel]}: belum diatur (isi <code>{l.missing}</code> di konfigurasi server).
                      </div>
                    ),
                  )}
                </td>
                <td>
                  <a href={`/dashboard/invites/print?shopId=${inv.shopId}`}>Cetak</a>{' '}
                  <ActionButton
                    view={p.view}
                    action={`/dashboard/invites/${inv.shopId}/regenerate`}
                    label="Ganti kode"
                    danger
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted">
        Tautan memuat kode acak milik toko itu; hanya nomor HP yang tercatat sebagai kontak toko yang bisa tersambung.
        "Ganti kode" membuat tautan lama tidak berlaku (tercatat di log audit).
      </p>
    </Layout>
  );
}

/** Steps for an elderly shopkeeper, per channel: scan, send (or start), and use the registered phone. */
const STEPS: Record<InviteLink['channel'], string[]> = {
  whatsapp: [
    'Buka kamera HP, arahkan ke kode QR ini sampai muncul tautan, lalu sentuh tautannya.',
    'WhatsApp terbuka dengan pesan berisi kode toko. Tekan tombol Kirim (panah hijau).',
  ],
  telegram: [
    'Buka kamera HP, arahkan ke kode QR ini sampai muncul tautan, lalu sentuh tautannya.',
    'Telegram terbuka. Tekan MULAI (START), lalu tekan tombol "📱 Bagikan nomor".',
  ],
  web: ['Buka tautan ini di HP atau komputer, pilih nama toko, lalu tekan Kirim.'],
};

/** One page per shop: its name, one big QR per channel that is set up, short steps in Bahasa Indonesia. */
export function InvitePrintPage(p: { rows: readonly InviteRow[] }) {
  return (
    <html lang="id">
      <head>
        <meta charset="utf-8" />
        <title>Undangan toko · peken</title>
        <style>{PRINT_CSS}</style>
      </head>
      <body>
        {p.rows.length === 0 ? (
          <p>Semua toko terverifikasi sudah bisa dihubungi: tidak ada undangan untuk dicetak.</p>
        ) : null}
        {p.rows.map(({ inv, links }) => {
          const ready = links.filter((l): l is Extract<InviteLink, { url: string }> => l.url !== null);
          // The demo web chat only when no real chat app is set up: a shopkeeper uses WhatsApp or Telegram.
          const shown = ready.some((l) => l.channel !== 'web') ? ready.filter((l) => l.channel !== 'web') : ready;
          return (
            <section class="card" data-shop-id={String(inv.shopId)}>
              <h1>{inv.shopName}</h1>
              <p class="lead">Undangan peken: sambungkan HP toko supaya pesanan dari ASN masuk.</p>
              {shown.map((l) => (
                <div class="qr" data-channel={l.channel}>
                  <h2>Lewat {CHANNEL_LABEL[l.channel]}</h2>
                  <img
                    src={qrSrc(inv.shopId, l.channel)}
                    alt={`Kode QR ${CHANNEL_LABEL[l.channel]} untuk ${inv.shopName}`}
                  />
                  <ol>
                    {STEPS[l.channel].map((s) => (
                      <li>{s}</li>
                    ))}
                  </ol>
                  <p class="url">{l.url}</p>
                </div>
              ))}
              <p class="note">
                Pakai HP dengan nomor yang didaftarkan untuk toko ini (pemilik atau pembantu toko). Setelah tersambung,
                toko tampil untuk pembeli dan pesanan masuk lewat chat itu.
              </p>
              <p class="note">Butuh bantuan? Hubungi petugas Dinas Koperasi yang memberi undangan ini.</p>
            </section>
          );
        })}
      </body>
    </html>
  );
}

const PRINT_CSS = `
body { font-family: system-ui, sans-serif; margin: 0; color: #000; }
.card { page-break-after: always; break-after: page; padding: 1.5cm; text-align: center; }
.card h1 { font-size: 2.4rem; margin: 0 0 .3em; }
.lead { font-size: 1.3rem; }
.qr { margin: 1em auto; }
.qr h2 { font-size: 1.5rem; margin: .5em 0; }
.qr img { width: 11cm; height: 11cm; image-rendering: pixelated; }
.qr ol { text-align: left; font-size: 1.3rem; line-height: 1.5; max-width: 16cm; margin: .5em auto; }
.url { font-family: monospace; font-size: .9rem; word-break: break-all; }
.note { font-size: 1.2rem; }
@media print { a { color: #000; } }
`;
