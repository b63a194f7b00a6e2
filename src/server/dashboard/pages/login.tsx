const Head = () => (
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Masuk · peken</title>
    <link rel="stylesheet" href="/dashboard/static/style.css" />
  </head>
);

/** Step 1: the admin's phone. */
export function LoginPage(p: { csrf: string; next: string; error?: string; phone?: string }) {
  return (
    <html lang="id">
      <Head />
      <body>
        <form class="login" method="post" action="/login">
          <h1>Masuk ke dasbor peken</h1>
          {p.error ? (
            <p class="bad" role="alert">
              {p.error}
            </p>
          ) : null}
          <input type="hidden" name="_csrf" value={p.csrf} />
          <input type="hidden" name="next" value={p.next} />
          <label>
            Nomor HP
            <input
              type="tel"
              name="phone"
              autocomplete="tel"
              inputmode="tel"
              placeholder="0812…"
              value={p.phone ?? ''}
              required
            />
          </label>
          <p class="muted">Kode masuk 6 angka dikirim ke chat Anda (Telegram, WhatsApp, atau chat web untuk demo).</p>
          <button type="submit">Kirim kode</button>
        </form>
      </body>
    </html>
  );
}

/** Step 2: the code from the chat. Said the same way whether or not the phone is an admin's. */
export function CodePage(p: { csrf: string; next: string; phone: string; error?: string }) {
  return (
    <html lang="id">
      <Head />
      <body>
        <form class="login" method="post" action="/login/code">
          <h1>Masukkan kode</h1>
          {p.error ? (
            <p class="bad" role="alert">
              {p.error}
            </p>
          ) : null}
          <p>
            Jika {p.phone} terdaftar sebagai admin, kode 6 angka sudah dikirim ke chat-nya. Kode berlaku 5 menit dan
            hanya sekali pakai.
          </p>
          <input type="hidden" name="_csrf" value={p.csrf} />
          <input type="hidden" name="next" value={p.next} />
          <input type="hidden" name="phone" value={p.phone} />
          <label>
            Kode
            <input
              type="text"
              name="code"
              autocomplete="one-time-code"
              inputmode="numeric"
              pattern="[0-9 ]{6,7}"
              maxlength={7}
              required
            />
          </label>
          <button type="submit">Masuk</button>
          <p class="muted">
            <a href={`/login?next=${encodeURIComponent(p.next)}`}>Kirim ulang atau ganti nomor</a>
          </p>
        </form>
      </body>
    </html>
  );
}
