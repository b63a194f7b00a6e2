import { raw } from 'hono/html';

interface Identity {
  label: string;
  phone: string;
}

/** Identity picker: who to be in the demo chat. */
export function ChatPickPage(p: {
  buyers: readonly Identity[];
  owners: readonly Identity[];
  admins?: readonly Identity[];
  available: boolean;
  start?: string;
}) {
  return (
    <Shell title="Chat web peken">
      <main class="page">
        <h1>Chat web peken</h1>
        {p.available ? null : <p class="bad">Mesin percakapan belum terpasang di server ini.</p>}
        <p>Coba alur chat yang sama dengan Telegram/WhatsApp, sebagai ASN atau pemilik toko dari data demo.</p>
        <form method="get" action="/chat" class="filters">
          <label>
            Cari nama ASN atau toko
            <input type="search" id="who-filter" placeholder="mis. Barokah, Siti, 0842000001" autocomplete="off" />
          </label>
          <label>
            Masuk sebagai
            <select name="phone" required size={12}>
              <optgroup label="ASN (pembeli)">
                {p.buyers.map((b) => (
                  <option value={b.phone}>{`${b.label} · ${b.phone}`}</option>
                ))}
              </optgroup>
              <optgroup label="Pemilik toko">
                {p.owners.map((o) => (
                  <option value={o.phone}>{`${o.label} · ${o.phone}`}</option>
                ))}
              </optgroup>
              {/* Demo admins read their dashboard sign-in code here (/login sends it to this chat). */}
              <optgroup label="Admin dasbor (kode masuk)">
                {(p.admins ?? []).map((a) => (
                  <option value={a.phone}>{`${a.label} · ${a.phone}`}</option>
                ))}
              </optgroup>
            </select>
          </label>
          {p.start ? <input type="hidden" name="start" value={p.start} /> : null}
          <button type="submit">Mulai chat</button>
        </form>
      </main>
      <script>{raw(PICK_SCRIPT)}</script>
    </Shell>
  );
}

function Shell(p: { title: string; children?: unknown }) {
  return (
    <html lang="id">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{p.title}</title>
        <link rel="stylesheet" href="/dashboard/static/style.css" />
      </head>
      <body>{p.children as never}</body>
    </html>
  );
}

// Filters the picker as one types: every demo person is in the list, a shop is found by a part of its name.
const PICK_SCRIPT = `
(() => {
  const input = document.getElementById('who-filter');
  const select = document.querySelector('select[name=phone]');
  input.addEventListener('input', () => {
    const q = input.value.trim().toLowerCase();
    let first = null;
    for (const o of select.querySelectorAll('option')) {
      const hit = !q || o.textContent.toLowerCase().includes(q);
      o.hidden = !hit;
      if (hit && !first) first = o;
    }
    if (first) select.value = first.value;
  });
})();
`;

// The page's whole script: send text or an option, render replies (options as buttons), poll the inbox
// for notifications. The chat id is the phone's own (webChatIdOf), so a reload keeps the conversation.
const SCRIPT = `
(() => {
  const root = document.getElementById('chat');
  const phone = root.dataset.phone, csrf = root.dataset.csrf;
  const chatId = root.dataset.chatId;
  const msgs = document.getElementById('msgs');
  let after = 0, busy = false;
  // A 503 means the server was too busy to take the message (nothing of it was kept): sent again after the
  // server's Retry-After, backing off, for about a minute. A network error is not sent again: the message
  // may have arrived, and sending it twice would answer it twice.
  async function post(url, init) {
    for (let attempt = 0; ; attempt++) {
      const r = await fetch(url, init);
      if (r.status !== 503 || attempt >= 6) return r;
      const wait = Math.min(30, (Number(r.headers.get('Retry-After')) || 1) * 2 ** attempt);
      await new Promise((ok) => setTimeout(ok, wait * (500 + Math.random() * 500)));
    }
  }
  function show(m, mine) {
    const d = document.createElement('div');
    d.className = 'msg' + (mine ? ' me' : '');
    if (m.imageUrl) {
      const img = document.createElement('img');
      img.className = 'pic';
      img.alt = m.text;
      img.src = m.imageUrl + '?chatId=' + encodeURIComponent(chatId) + '&phone=' + encodeURIComponent(phone);
      d.appendChild(img);
      const cap = document.createElement('div');
      cap.textContent = m.text;
      d.appendChild(cap);
    } else if (m.documentUrl) {
      const cap = document.createElement('div');
      cap.textContent = m.text;
      d.appendChild(cap);
      const a = document.createElement('a');
      a.className = 'doc';
      a.textContent = '📄 ' + m.documentName;
      a.href = m.documentUrl + '?chatId=' + encodeURIComponent(chatId) + '&phone=' + encodeURIComponent(phone);
      a.setAttribute('download', m.documentName);
      d.appendChild(a);
    } else d.textContent = m.text;
    msgs.appendChild(d);
    if (m.options && m.options.length) {
      const o = document.createElement('div');
      o.className = 'opts';
      m.options.forEach((opt, i) => {
        const b = document.createElement('button');
        // Numbered as in the text people read on WhatsApp: "ketik nomor" matches what they see.
        b.type = 'button'; b.textContent = (i + 1) + '. ' + opt.label; b.dataset.value = opt.value;
        b.addEventListener('click', () => send({ kind: 'option', value: opt.value }, opt.label));
        o.appendChild(b);
      });
      msgs.appendChild(o);
    }
    msgs.scrollTop = msgs.scrollHeight;
  }
  // Said when a request got no answer at all: it is not sent again (above), the person decides.
  const LOST = '⚠ sambungan terputus: pesan mungkin belum sampai. Periksa koneksi, lalu kirim lagi bila belum ada jawaban.';
  async function send(content, echo) {
    show({ text: echo }, true);
    let r;
    try {
      r = await post('/chat/api/send', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify({ chatId, phone, content }) });
    } catch { show({ text: LOST }, false); return; }
    const body = await r.json();
    if (!r.ok) { show({ text: '⚠ ' + (body.error ? body.error.message : r.status) }, false); return; }
    for (const m of body.replies) show(m, false);
  }
  async function poll() {
    if (busy) return; busy = true;
    try {
      const r = await fetch('/chat/api/poll?chatId=' + encodeURIComponent(chatId) + '&phone=' + encodeURIComponent(phone) + '&after=' + after);
      if (r.ok) { const body = await r.json(); for (const i of body.items) { after = Math.max(after, i.seq); show(i.message, false); } }
    } finally { busy = false; }
  }
  // A photo (a QRIS sticker, goods): uploaded as a file; one over 10 MB is not sent, the bot says why.
  document.getElementById('photo').addEventListener('change', async (e) => {
    const file = e.target.files && e.target.files[0];
    e.target.value = '';
    if (!file) return;
    show({ text: '📷 ' + file.name }, true);
    const q = '?chatId=' + encodeURIComponent(chatId) + '&phone=' + encodeURIComponent(phone) + (file.size > 10 * 1024 * 1024 ? '&tooLarge=1' : '');
    const body = new FormData();
    if (file.size <= 10 * 1024 * 1024) body.append('file', file);
    let r;
    try {
      r = await post('/chat/api/photo' + q, { method: 'POST', headers: { 'x-csrf-token': csrf }, body });
    } catch { show({ text: LOST }, false); return; }
    const answer = await r.json();
    if (!r.ok) { show({ text: '⚠ ' + (answer.error ? answer.error.message : r.status) }, false); return; }
    for (const m of answer.replies) show(m, false);
  });
  document.getElementById('send').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = document.getElementById('text');
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    send({ kind: 'text', text }, text);
  });
  setInterval(poll, 1500);
  root.dataset.ready = '1';
})();
`;

/** The chat itself, as one phone, in one tab. */
export function ChatPage(p: {
  phone: string;
  label: string;
  chatId: string;
  csrf: string;
  nonce?: string;
  start?: string;
}) {
  return (
    <Shell title={`Chat · ${p.label}`}>
      <div class="chat" id="chat" data-phone={p.phone} data-chat-id={p.chatId} data-csrf={p.csrf}>
        <header class="top">
          <strong>peken</strong>
          <span>
            {p.label} · {p.phone}
          </span>
          <a class="who" href="/chat">
            ganti
          </a>
        </header>
        <div class="msgs" id="msgs" aria-live="polite"></div>
        <form class="send" id="send">
          <label class="pick" title="Kirim foto">
            📷
            <input id="photo" type="file" accept="image/*" hidden />
          </label>
          <input
            id="text"
            name="text"
            autocomplete="off"
            placeholder="Tulis pesan… (mis. halo)"
            value={p.start ?? ''}
          />
          <button type="submit">Kirim</button>
        </form>
      </div>
      <script nonce={p.nonce}>{raw(SCRIPT)}</script>
    </Shell>
  );
}
