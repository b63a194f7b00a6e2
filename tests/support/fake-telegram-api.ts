import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake Telegram Bot API server on loopback, for tests that run grammY unchanged over real HTTP. It is the
 * edge we cannot reach, so it is the one thing faked: everything behind the bot is real. It answers the
 * methods our bots use, long-polls getUpdates, serves files, and lets a test decide any call's answer
 * (`intercept`) to inject 429s, 403s and the like. A real server, so child processes can reach it too.
 */
export interface FakeTelegramCall {
  method: string;
  params: Record<string, unknown>;
  at: number;
}

export type FakeReply =
  | { ok: true; result: unknown }
  | { ok: false; error_code: number; description: string; parameters?: { retry_after?: number } };

export interface FakeTelegramApi {
  /** API root for grammY: new Bot(token, { client: { apiRoot: api.url } }) */
  url: string;
  token: string;
  /** Every call, in order (intercepted ones included). */
  calls: FakeTelegramCall[];
  /** Successful sendMessage/sendPhoto/sendDocument calls only, with the message_id the fake gave each. */
  sent(): Array<{ chatId: string; text: string; params: Record<string, unknown>; messageId?: number }>;
  /** Successful sendPhoto calls with the uploaded bytes (null when the photo was a file_id or URL). */
  photos(): Array<{ chatId: string; caption: string; bytes: Buffer | null; params: Record<string, unknown> }>;
  /** Successful sendDocument calls with the uploaded bytes (null when the document was a file_id or URL). */
  documents(): Array<{ chatId: string; caption: string; bytes: Buffer | null; params: Record<string, unknown> }>;
  /** Decide a call's answer before the default; return undefined for the default. Used to inject 429/403. */
  intercept(
    fn:
      | ((method: string, params: Record<string, unknown>) => FakeReply | undefined | Promise<FakeReply | undefined>)
      | null,
  ): void;
  /** Queue an update for getUpdates (long polling); update_id assigned if missing; returns it. */
  pushUpdate(update: Record<string, unknown>): number;
  /** Put a file that getFile/file download serve. */
  putFile(fileId: string, bytes: Buffer): void;
  close(): Promise<void>;
}

const DEFAULT_TOKEN = '123456789:AAFakeTokenForTestsOnly_abcdefghij';
const BOT_ID = Number(DEFAULT_TOKEN.split(':')[0]);
/** Longest long poll we honour, so that a forgotten poller cannot hold a test open for long. */
const MAX_POLL_MS = 30_000;

type Waiter = { offset: number; limit: number; done: (updates: Record<string, unknown>[]) => void };

export async function startFakeTelegramApi(opts: { token?: string } = {}): Promise<FakeTelegramApi> {
  const token = opts.token ?? DEFAULT_TOKEN;
  const botId = Number(token.split(':')[0]) || BOT_ID;
  const calls: FakeTelegramCall[] = [];
  const sentLog: Array<{ chatId: string; text: string; params: Record<string, unknown>; messageId?: number }> = [];
  const photoLog: Array<{ chatId: string; caption: string; bytes: Buffer | null; params: Record<string, unknown> }> =
    [];
  const documentLog: Array<{ chatId: string; caption: string; bytes: Buffer | null; params: Record<string, unknown> }> =
    [];
  const files = new Map<string, Buffer>();
  let updates: Record<string, unknown>[] = [];
  let nextUpdateId = 1;
  let nextMessageId = 1;
  let waiters: Waiter[] = [];
  let interceptor: Parameters<FakeTelegramApi['intercept']>[0] = null;
  let closing = false;

  const pending = (offset: number, limit: number) =>
    updates.filter((u) => (u.update_id as number) >= offset).slice(0, limit);

  function wakeWaiters(): void {
    const still: Waiter[] = [];
    for (const w of waiters) {
      const ready = pending(w.offset, w.limit);
      if (ready.length || closing) w.done(ready);
      else still.push(w);
    }
    waiters = still;
  }

  const me = () => ({
    id: botId,
    is_bot: true,
    first_name: 'Peken Test',
    username: 'peken_test_bot',
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
  });

  const message = (params: Record<string, unknown>, extra: Record<string, unknown>) => ({
    message_id: nextMessageId++,
    date: Math.floor(Date.now() / 1000),
    chat: { id: Number(params.chat_id), type: 'private' },
    from: { id: botId, is_bot: true, first_name: 'Peken Test' },
    ...extra,
    ...(params.reply_markup && typeof params.reply_markup === 'object' && 'inline_keyboard' in params.reply_markup
      ? { reply_markup: params.reply_markup }
      : {}),
  });

  async function getUpdates(params: Record<string, unknown>, res: ServerResponse): Promise<FakeReply> {
    const offset = Number(params.offset ?? 0);
    const limit = Math.min(Math.max(Number(params.limit ?? 100), 1), 100);
    // Asking from an offset confirms every update before it, as on Telegram.
    if (offset > 0) updates = updates.filter((u) => (u.update_id as number) >= offset);
    const ready = pending(offset, limit);
    const timeoutMs = Math.min(Number(params.timeout ?? 0) * 1000, MAX_POLL_MS);
    if (ready.length || timeoutMs <= 0 || closing) return { ok: true, result: ready };
    const result = await new Promise<Record<string, unknown>[]>((resolve) => {
      const settle = (u: Record<string, unknown>[]) => {
        clearTimeout(timer);
        res.off('close', onAbort);
        waiters = waiters.filter((w) => w !== waiter);
        resolve(u);
      };
      // grammY aborts its poll on bot.stop(): forget the waiter so that no update is handed to nobody.
      const onAbort = () => settle([]);
      const waiter: Waiter = { offset, limit, done: settle };
      const timer = setTimeout(() => settle([]), timeoutMs);
      res.once('close', onAbort);
      waiters.push(waiter);
    });
    return { ok: true, result };
  }

  function defaultReply(method: string, params: Record<string, unknown>): FakeReply | Promise<FakeReply> {
    switch (method) {
      case 'getMe':
        return { ok: true, result: me() };
      case 'sendMessage':
        if (typeof params.text !== 'string' || params.text.trim() === '')
          return { ok: false, error_code: 400, description: 'Bad Request: message text is empty' };
        if (params.text.length > 4096)
          return { ok: false, error_code: 400, description: 'Bad Request: message is too long' };
        return { ok: true, result: message(params, { text: params.text }) };
      case 'sendPhoto':
        if (params.photo === undefined || params.photo === '')
          return { ok: false, error_code: 400, description: 'Bad Request: there is no photo in the request' };
        if (typeof params.caption === 'string' && params.caption.length > 1024)
          return { ok: false, error_code: 400, description: 'Bad Request: message caption is too long' };
        return {
          ok: true,
          result: message(params, {
            photo: [
              { file_id: `sent-photo-${nextMessageId}`, file_unique_id: `u${nextMessageId}`, width: 90, height: 90 },
            ],
            ...(typeof params.caption === 'string' ? { caption: params.caption } : {}),
          }),
        };
      case 'sendDocument':
        if (params.document === undefined || params.document === '')
          return { ok: false, error_code: 400, description: 'Bad Request: there is no document in the request' };
        if (typeof params.caption === 'string' && params.caption.length > 1024)
          return { ok: false, error_code: 400, description: 'Bad Request: message caption is too long' };
        return {
          ok: true,
          result: message(params, {
            document: { file_id: `sent-doc-${nextMessageId}`, file_unique_id: `u${nextMessageId}` },
            ...(typeof params.caption === 'string' ? { caption: params.caption } : {}),
          }),
        };
      case 'editMessageText':
        return { ok: true, result: message(params, { message_id: Number(params.message_id), text: params.text }) };
      case 'getFile': {
        const id = String(params.file_id ?? '');
        const bytes = files.get(id);
        if (!bytes) return { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' };
        return {
          ok: true,
          result: { file_id: id, file_unique_id: `u-${id}`, file_size: bytes.length, file_path: filePathOf(id) },
        };
      }
      // answerCallbackQuery, editMessageReplyMarkup, sendChatAction, setWebhook, deleteWebhook and the rest.
      default:
        return { ok: true, result: true };
    }
  }

  const filePathOf = (fileId: string) => `photos/${encodeURIComponent(fileId)}.jpg`;

  async function answerMethod(
    method: string,
    params: Record<string, unknown>,
    res: ServerResponse,
  ): Promise<FakeReply> {
    calls.push({ method, params, at: Date.now() });
    const custom = interceptor ? await interceptor(method, params) : undefined;
    const reply =
      custom ?? (method === 'getUpdates' ? await getUpdates(params, res) : await defaultReply(method, params));
    if (reply.ok && (method === 'sendMessage' || method === 'sendPhoto' || method === 'sendDocument')) {
      const messageId = (reply.result as { message_id?: number } | null)?.message_id;
      sentLog.push({
        chatId: String(params.chat_id),
        text: String(params.text ?? params.caption ?? ''),
        params,
        ...(messageId === undefined ? {} : { messageId }),
      });
    }
    if (reply.ok && method === 'sendDocument')
      documentLog.push({
        chatId: String(params.chat_id),
        caption: String(params.caption ?? ''),
        bytes: uploaded(params, params.document),
        params,
      });
    if (reply.ok && method === 'sendPhoto')
      photoLog.push({
        chatId: String(params.chat_id),
        caption: String(params.caption ?? ''),
        bytes: uploaded(params, params.photo),
        params,
      });
    return reply;
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const fileMatch = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (fileMatch) {
      if (fileMatch[1] !== token) return json(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
      const id = [...files.keys()].find((k) => filePathOf(k) === fileMatch[2]);
      const bytes = id === undefined ? undefined : files.get(id);
      if (!bytes) return json(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length });
      res.end(bytes);
      return;
    }
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!m) return json(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    if (m[1] !== token) return json(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const params = { ...Object.fromEntries(url.searchParams), ...(await readParams(req)) };
    const reply = await answerMethod(m[2]!, params, res);
    json(res, reply.ok ? 200 : reply.error_code, reply);
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent)
        json(res, 500, {
          ok: false,
          error_code: 500,
          description: `Internal Server Error: ${(error as Error).message}`,
        });
    });
  });
  // Longer than a client's pause between sends: Node's agent reads `Keep-Alive: timeout=N` and drops an idle
  // socket a second before N, so with 1 s every send opened a new connection, unlike Telegram's servers.
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    calls,
    sent: () => [...sentLog],
    photos: () => [...photoLog],
    documents: () => [...documentLog],
    intercept(fn) {
      interceptor = fn;
    },
    pushUpdate(update) {
      const id = typeof update.update_id === 'number' ? update.update_id : nextUpdateId;
      nextUpdateId = Math.max(nextUpdateId, id + 1);
      updates.push({ ...update, update_id: id });
      updates.sort((a, b) => (a.update_id as number) - (b.update_id as number));
      wakeWaiters();
      return id;
    },
    putFile(fileId, bytes) {
      files.set(fileId, bytes);
    },
    async close() {
      closing = true;
      wakeWaiters();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Pollers and grammY's keep-alive agent hold sockets open; a test must not wait for them.
        server.closeAllConnections();
      });
    },
  };
}

/** The bytes of an uploaded file that a field (`photo: "attach://<id>"`) points to. */
function uploaded(params: Record<string, unknown>, field: unknown): Buffer | null {
  if (typeof field !== 'string' || !field.startsWith('attach://')) return null;
  const part = params[`file:${field.slice('attach://'.length)}`] as { data?: Buffer } | undefined;
  return part?.data ?? null;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** JSON as grammY sends it without files; multipart/form-data with files; urlencoded from curl and the like. */
async function readParams(req: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readBody(req);
  if (body.length === 0) return {};
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('application/json')) return JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return Object.fromEntries([...new URLSearchParams(body.toString('utf8'))].map(([k, v]) => [k, maybeJson(v)]));
  }
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(type);
  if (type.startsWith('multipart/form-data') && boundary) return parseMultipart(body, boundary[1] ?? boundary[2]!);
  return {};
}

/** grammY serialises object fields (reply_markup, entities) as JSON strings inside form data. */
function maybeJson(v: string): unknown {
  if (/^[[{]/.test(v)) {
    try {
      return JSON.parse(v) as unknown;
    } catch {
      return v;
    }
  }
  return v;
}

function parseMultipart(body: Buffer, boundary: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const partStart = start + delimiter.length;
    const next = body.indexOf(delimiter, partStart);
    if (next < 0) break;
    // Each part: CRLF, headers, CRLF CRLF, content, CRLF before the next delimiter.
    const part = body.subarray(partStart + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    if (split >= 0) {
      const headers = part.subarray(0, split).toString('utf8');
      const content = part.subarray(split + 4);
      const name = /name="([^"]*)"/.exec(headers)?.[1];
      // grammY writes `filename=x.png` without quotes; other clients quote it.
      const fm = /filename=(?:"([^"]*)"|([^;\r\n]*))/.exec(headers);
      const filename = fm ? (fm[1] ?? fm[2]) : undefined;
      if (filename !== undefined) {
        // A file part is addressed by a field value `attach://<name>`; keep its bytes under that name.
        out[`file:${name ?? filename}`] = { filename, bytes: content.length, data: Buffer.from(content) };
      } else if (name !== undefined) {
        out[name] = maybeJson(content.toString('utf8'));
      }
    }
    start = next;
  }
  return out;
}
