export function LoginPage(p: { csrf: string; next: string; error?: string }) {
  return (
    <html lang="id">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Masuk · peken</title>
        <link rel="stylesheet" href="/dashboard/static/style.css" />
      </head>
      <body>
        <form class="login" method="post" action="/login">
          <h1>Masuk ke dasbor peken</h1>
          {p.error ? <p class="bad" role="alert">{p.error}</p> : null}
          <input type="hidden" name="_csrf" value={p.csrf} />
          <input type="hidden" name="next" value={p.next} />
          <label>Token akses<input type="password" name="token" autocomplete="current-password" required /></label>
          <p class="muted">Token dibuat oleh operator dengan <code>peken token create</code>.</p>
          <button type="submit">Masuk</button>
        </form>
      </body>
    </html>
  );
}
