import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoBuyerPhone } from '../../src/demo/seed-demo.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { ledger } from '../../src/ledger/index.js';
import { createPgTestDb, type PgTestDb } from '../support/postgres.js';
import { spawnServer, spawnWorker, waitUntil, type Child } from '../support/processes.js';
import { openWebChat, sendWebChat, type WebChatContent, type WebChatPage } from '../support/web-chat-client.js';

// Issue 18, item 5: the scale-out shape on PostgreSQL. Two server processes (`npm start`, which also run
// workers) and two worker processes (`npm run worker`) on one database and one Redis; ASN order through the web
// chat's API, alternating between the servers, from shops whose caps fit only some of the orders; one worker is
// SIGKILLed mid-way. ORDERS acknowledged orders (a PK- code in the reply) are the goal.
// 2,000, the size, by default (136 s on a quiet 2-core host); SCALE_OUT_ORDERS=N for a quicker look.
const ORDERS = Number(process.env.SCALE_OUT_ORDERS ?? 2000);
const BUYERS = 100;
const CAP = 150_000;

let pg: PgTestDb;
const servers: Array<Child & { base: string }> = [];
const workers: Child[] = [];

type Reply = { text: string; options?: { label: string; value: string }[] };

beforeAll(async () => {
  pg = await createPgTestDb();
  await migrateToLatest(pg.db);
  const env = {
    DATABASE_URL: pg.url,
    DATA_DIR: `/tmp/peken-scale-${randomUUID()}`,
    REDIS_URL: inject('redisUrl'),
    QUEUE_PREFIX: `t-scale-${randomUUID()}`,
    DEMO: '1',
    WEB_CHAT_NEW_PER_HOUR: '100000',
    WORKER_LOCK_MS: '5000',
    SESSION_SECRET: 'scale-out-session-secret-0123456789abcdefgh',
  };
  // One after the other: the first loads the demo city, the second finds it there.
  servers.push(await spawnServer(env));
  servers.push(await spawnServer(env));
  workers.push(spawnWorker(env), spawnWorker(env));
  // Every shop's cap fits a few orders only, so that the processes race for the room left.
  await pg.db.updateTable('shops').set({ cap_override: CAP }).execute();
}, 400_000);

afterAll(async () => {
  await Promise.all([...servers, ...workers].map((c) => c.stop()));
  await pg?.cleanup();
});

/** One message through a server's web chat API, sent again after a 503 as the page does. */
async function say(base: string, page: WebChatPage, content: WebChatContent): Promise<Reply[]> {
  for (;;) {
    const res = await sendWebChat(base, page, content);
    if (res.status === 503) {
      await res.arrayBuffer();
      await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get('retry-after') ?? 1)));
      continue;
    }
    if (res.status !== 200) throw new Error(`send ${JSON.stringify(content)}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { replies: Reply[] }).replies;
  }
}

const option = (replies: Reply[], prefix: string) =>
  replies
    .flatMap((r) => r.options ?? [])
    .map((o) => o.value)
    .find((v) => v.startsWith(prefix));

/**
 * One order as a person makes it: the menu, the shop list, a shop, its first product, one, the cart, order
 * now, pick-up, yes. Returns the order code, or null when there is no shop or product to pick any more.
 */
async function orderOnce(base: string, page: WebChatPage, turn: number) {
  await say(base, page, { kind: 'text', text: 'menu' });
  const shops = await say(base, page, { kind: 'option', value: 'shops' });
  const values = shops.flatMap((r) => r.options ?? []).filter((o) => o.value.startsWith('shop:'));
  if (values.length === 0) return null;
  const shop = values[turn % values.length]!.value;
  const product = option(await say(base, page, { kind: 'option', value: shop }), 'prod:');
  if (!product) return null;
  await say(base, page, { kind: 'option', value: product });
  await say(base, page, { kind: 'text', text: '1' });
  await say(base, page, { kind: 'option', value: 'cart' });
  await say(base, page, { kind: 'text', text: '1' }); // Pesan sekarang
  await say(base, page, { kind: 'text', text: '2' }); // Ambil sendiri
  const placed = await say(base, page, { kind: 'text', text: 'ya' });
  return /PK-[2-9A-Z]{6}/.exec(placed.map((r) => r.text).join('\n'))?.[0] ?? null;
}

describe('two servers and two workers on PostgreSQL', () => {
  it('keeps every cap, settles every acknowledged order and a clean ledger, with a worker SIGKILLed mid-way', async () => {
    const codes = new Set<string>();
    let killed = false;
    let next = 0;
    await Promise.all(
      Array.from({ length: BUYERS }, async (_, i) => {
        const server = servers[i % 2]!;
        const page = await openWebChat(server.base, demoBuyerPhone(i + 1));
        for (let turn = 0; codes.size < ORDERS; turn++) {
          // Each order goes through the other server than the last one.
          const base = servers[(i + turn) % 2]!.base;
          const code = await orderOnce(base, page, next++);
          if (!code) break;
          codes.add(code);
          if (!killed && codes.size >= ORDERS / 3) {
            killed = true;
            await workers[0]!.kill();
          }
        }
      }),
    );
    expect(killed).toBe(true);
    expect(codes.size).toBeGreaterThanOrEqual(ORDERS);

    // Every acknowledged order leaves `submitted` (reserved or refused) with the killed worker's jobs taken over.
    const list = [...codes];
    await waitUntil(
      async () =>
        (
          await pg.db
            .selectFrom('orders')
            .select('id')
            .where('code', 'in', list)
            .where('status', '=', 'submitted')
            .execute()
        ).length === 0,
      300_000,
      'every acknowledged order to leave submitted',
    );
    const orders = await pg.db
      .selectFrom('orders')
      .select(['id', 'code', 'status'])
      .where('code', 'in', list)
      .execute();
    expect(orders).toHaveLength(codes.size);
    const reserved = orders.filter((o) => o.status === 'reserved');
    expect(reserved.length).toBeGreaterThan(0);
    expect(orders.filter((o) => o.status === 'refused').length).toBeGreaterThan(0);

    // No shop's held + committed above its cap, and every reserved order holds exactly its total.
    const over = await sql<{ account: string; used: number }>`
      select account, held + committed as used from ledger_balances
      where account like 'shop:%' and held + committed > ${CAP}`.execute(pg.db);
    expect(over.rows).toEqual([]);
    const holds = await pg.db
      .selectFrom('ledger_entries')
      .select('order_id')
      .where('kind', '=', 'hold')
      .where('account', 'like', 'shop:%')
      .where(
        'order_id',
        'in',
        orders.map((o) => o.id),
      )
      .execute();
    expect(new Set(holds.map((h) => h.order_id))).toEqual(new Set(reserved.map((o) => o.id)));
    expect((await ledger.verify(pg.db)).ok).toBe(true);
  }, 1_200_000);
});
