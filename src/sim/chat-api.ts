import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { DeliveryResult, NotificationToDeliver } from '../notify/delivery.js';
import type { Random } from '../shared/random.js';

/**
 * What a worker process posts. With the direct driver, the bare notice (the agents read its template and
 * order id). With the engine driver, the notification to deliver: the chat layer lives in the simulation's
 * process, beside the engine, as in `npm start` where one process runs both and they share chat locks.
 */
export type ChatApiCall =
  | { kind: 'notice'; recipientPhone: string; template: string; orderId: string | null }
  | { kind: 'deliver'; notification: NotificationToDeliver };

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

/** A transient failure of the chat API: the notify worker retries it (no `kind`, so not permanent). */
export class ChatApiUnavailableError extends Error {}

/**
 * The slow and failing chat platform: wraps one send with latency, a failure before it and a failure after
 * it (the message went out, the caller is told it did not). Used by the HTTP endpoint for the direct
 * driver's notices and by the simulated chat channel (sim-channel.ts) for the engine driver's messages.
 */
export function createFaultyApi(deps: { faults: ChatApiFaults | null; random: Random }) {
  const stats: ChatApiStats = { calls: 0, failed: 0, deliveredTwice: 0 };
  return {
    stats,
    async call(send: () => void): Promise<void> {
      stats.calls++;
      const f = deps.faults;
      if (f && f.maxLatencyMs > 0) await new Promise((r) => setTimeout(r, deps.random.next() * f.maxLatencyMs));
      if (f && deps.random.chance(f.failRate)) {
        stats.failed++;
        throw new ChatApiUnavailableError('chat API answered 503 (before sending)');
      }
      send();
      if (f && deps.random.chance(f.failAfterDeliveryRate)) {
        stats.failed++;
        stats.deliveredTwice++;
        throw new ChatApiUnavailableError('chat API answered 503 (after sending)');
      }
    },
  };
}
export type FaultyApi = ReturnType<typeof createFaultyApi>;

/**
 * The chat platform's endpoint that the notify workers (in their own processes) post to, standing in for
 * the Telegram Bot API or the WhatsApp gateway. A bare notice passes the faulty API here; a notification to
 * deliver goes to `onDeliver`, whose channel is faulty itself. Any error is a 503 the worker retries.
 */
export async function startChatApi(deps: {
  api: FaultyApi;
  onNotice: (call: Extract<ChatApiCall, { kind: 'notice' }>) => void;
  onDeliver?: (n: NotificationToDeliver) => Promise<DeliveryResult>;
}) {
  const server: Server = createServer((req, res) => {
    void (async () => {
      let call: ChatApiCall;
      try {
        call = JSON.parse(await body(req)) as ChatApiCall;
      } catch (error) {
        res.writeHead(400).end(String(error));
        return;
      }
      try {
        if (call.kind === 'notice') {
          await deps.api.call(() => deps.onNotice(call));
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify({ status: 'sent', channel: 'sim' }));
          return;
        }
        if (!deps.onDeliver) throw new Error('no chat layer in this run');
        const result = await deps.onDeliver(call.notification);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
      } catch (error) {
        res.writeHead(503).end(String(error));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
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

/** The worker side: posts one call and returns the delivery result; anything but 200 is transient. */
export async function postToChatApi(url: string, call: ChatApiCall): Promise<DeliveryResult> {
  const res = await fetch(`${url}/call`, {
    method: 'POST',
    body: JSON.stringify(call),
    headers: { 'content-type': 'application/json' },
  });
  const text = await res.text();
  if (res.status !== 200) throw new ChatApiUnavailableError(`chat API answered ${res.status}: ${text.slice(0, 200)}`);
  const result = JSON.parse(text) as DeliveryResult;
  if (result.status !== 'sent' && result.status !== 'unreachable')
    throw new ChatApiUnavailableError(`chat API answered ${text.slice(0, 200)}`);
  return result;
}
