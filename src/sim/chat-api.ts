import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Random } from '../shared/random.js';

/** What a worker process posts: a rendered chat message, or (with the direct driver) the bare notice. */
export type ChatMessageCall = { kind: 'message'; channel: string; chatId: string; text: string; options: { label: string; value: string }[]; category: string };
export type ChatApiCall = ChatMessageCall | { kind: 'notice'; recipientPhone: string; template: string; orderId: string | null };

export interface ChatApiFaults {
  /** Share of calls answered 503 before anything is delivered (the worker retries). */
  failRate: number;
  /** Share of calls delivered and then answered 503 anyway: the retry sends the message twice. */
  failAfterDeliveryRate: number;
  /** Extra real milliseconds per call, drawn from 0 to this. */
  maxLatencyMs: number;
}

export interface ChatApiStats {
  calls: number;
  failed: number;
  deliveredTwice: number;
}

/**
 * The chat platform of the simulation: an HTTP endpoint that the notify workers (in their own processes)
 * post outbound messages to, standing in for the Telegram Bot API or the WhatsApp gateway. With faults on
 * it is slow and fails now and then, as the real APIs do.
 */
export async function startChatApi(deps: { faults: ChatApiFaults | null; random: Random; onCall: (call: ChatApiCall) => void }) {
  const stats: ChatApiStats = { calls: 0, failed: 0, deliveredTwice: 0 };
  const server: Server = createServer((req, res) => {
    void (async () => {
      try {
        const call = JSON.parse(await body(req)) as ChatApiCall;
        stats.calls++;
        const f = deps.faults;
        if (f && f.maxLatencyMs > 0) await new Promise((r) => setTimeout(r, deps.random.next() * f.maxLatencyMs));
        if (f && deps.random.chance(f.failRate)) {
          stats.failed++;
          res.writeHead(503).end('try later');
          return;
        }
        deps.onCall(call);
        if (f && deps.random.chance(f.failAfterDeliveryRate)) {
          stats.failed++;
          stats.deliveredTwice++;
          res.writeHead(503).end('try later');
          return;
        }
        res.writeHead(200).end('ok');
      } catch (error) {
        res.writeHead(400).end(String(error));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type ChatApi = Awaited<ReturnType<typeof startChatApi>>;

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (data += c));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

/** A transient failure of the chat API: the notify worker retries it (no `kind`, so not permanent). */
export class ChatApiUnavailableError extends Error {}

/** The worker side: posts one call, throwing a transient error on anything but 200. */
export async function postToChatApi(url: string, call: ChatApiCall): Promise<void> {
  const res = await fetch(`${url}/call`, { method: 'POST', body: JSON.stringify(call), headers: { 'content-type': 'application/json' } });
  await res.text();
  if (res.status !== 200) throw new ChatApiUnavailableError(`chat API answered ${res.status}`);
}
