import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConversationEngine } from '../bots/flows/index.js';
import type { ConversationHandler } from '../src/chat/ports.js';
import { webChatIdOf } from '../src/chat/web-chat-id.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { seedDemo } from '../src/demo/seed-demo.js';
import { createOrderService } from '../src/orders/order.service.js';
import { createSettingsService } from '../src/settings/settings.service.js';
import { systemClock } from '../src/shared/clock.js';

/** What a demo buyer types, over and over: the menu, Belanja, the first shop, two of its first item. */
export const SCRIPT = ['menu', '1', '1', '1 2'] as const;

/** The demo city's buyer phones (src/demo/seed-demo.ts): +628410000001… */
export const demoBuyerPhone = (i: number): string => `+62841${String(i + 1).padStart(7, '0')}`;

export const p99 = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(s.length * 0.99))]! : 0;
};

/**
 * The conversation engine alone on the web channel over a real SQLite file with the demo city (200 ASN):
 * no HTTP, no Redis (a placed order would only wait in the outbox; the script never places one).
 * `chat_messages_per_s`: 200 chats at once, each sending its messages one after another, as fast as the
 * engine answers. `chat_p99_ms`: messages offered at a fixed rate (open loop, round robin over the chats),
 * the 99th percentile of the time from a message's due time to its replies.
 */
export async function benchChatEngine(
  p: { people?: number; perPerson?: number; ratePerS?: number; seconds?: number } = {},
) {
  const people = p.people ?? 200;
  const perPerson = p.perPerson ?? 25;
  const rate = p.ratePerS ?? 100;
  const seconds = p.seconds ?? 15;
  const dir = mkdtempSync(join(tmpdir(), 'peken-bench-chat-'));
  const h = openDatabase({ file: join(dir, 'peken.db') });
  try {
    await migrateToLatest(h.db);
    await seedDemo(h.db, { clock: systemClock, buyers: people });
    const settings = createSettingsService({ db: h.db, clock: systemClock });
    const orders = createOrderService({ db: h.db, clock: systemClock, settings });
    const engine = createConversationEngine({ db: h.db, clock: systemClock, settings, orders });
    let seq = 0;
    const say = (engine: ConversationHandler, i: number, text: string) => {
      const phone = demoBuyerPhone(i);
      return engine.handle({
        channel: 'web',
        chatId: webChatIdOf(phone),
        messageId: `b${++seq}`,
        senderPhone: phone,
        content: { kind: 'text', text },
      });
    };
    // Every chat linked (its first message) before timing.
    await Promise.all(Array.from({ length: people }, (_, i) => say(engine, i, 'halo')));
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: people }, async (_, i) => {
        for (let k = 0; k < perPerson; k++) await say(engine, i, SCRIPT[k % SCRIPT.length]!);
      }),
    );
    const perS = (people * perPerson) / ((performance.now() - t0) / 1000);

    const total = Math.round(rate * seconds);
    const latencies: number[] = [];
    const start = performance.now() + 50;
    await Promise.all(
      Array.from({ length: total }, async (_, n) => {
        const due = start + (n * 1000) / rate;
        await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
        await say(engine, n % people, SCRIPT[Math.floor(n / people) % SCRIPT.length]!);
        latencies.push(performance.now() - due);
      }),
    );
    return { chat_messages_per_s: Math.round(perS), chat_p99_ms: Math.round(p99(latencies)), chat_offered_per_s: rate };
  } finally {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchChatEngine().then(
    (r) => {
      console.log(JSON.stringify(r));
      process.exit(0);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
