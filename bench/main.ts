import { redisAnswers } from '../src/redis/redis-url.js';
import { benchBroadcast } from './broadcast.js';
import { benchChatEngine } from './chat.js';
import { benchChatFlood } from './chat-flood.js';
import { benchDashboard } from './dashboard.js';
import { benchExports } from './exports.js';
import { benchLanguage } from './language.js';
import { benchPipeline } from './pipeline.js';
import { benchPgScale } from './pg-scale.js';
import { postgresAnswers } from '../src/db/pg-admin.js';
import { benchQris } from './qris.js';

/**
 * `npm run bench`: every speed figure of the project, measured on this machine. Progress goes to stderr;
 * the last line on stdout is one JSON object with all the figures.
 */
async function main(): Promise<void> {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (!(await redisAnswers(redisUrl)))
    throw new Error(`bench needs Redis at ${redisUrl} (start redis-server or set REDIS_URL)`);
  const orders = Number(process.env.BENCH_ORDERS ?? 10_000);
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 64);
  console.error(`pipeline: ${orders} orders, and as many bare BullMQ jobs, ${concurrency} at a time…`);
  const figures: Record<string, number> = { ...(await benchPipeline({ redisUrl, orders, concurrency })) };
  console.error('broadcast: 13,000 messages to a fake Bot API, limiter 30/s run faster by a time scale…');
  Object.assign(figures, await benchBroadcast({ redisUrl }));
  console.error('dashboard: a year of synthetic orders, p95 of every dashboard query…');
  const dashboard = await benchDashboard({ orders: Number(process.env.BENCH_DASHBOARD_ORDERS ?? 624_000), redisUrl });
  figures.dashboard_p95_ms = dashboard.dashboard_p95_ms;
  figures.dashboard_orders = dashboard.orders;
  if (dashboard.sweep) figures.sweep_ms = dashboard.sweep.sweep_ms;
  console.error('qris: 300 order QR images (dynamic payload + PNG), one after another…');
  Object.assign(figures, await benchQris());
  console.error('exports: compliance XLSX and CSV over 130,000 ASN at once, in the export threads…');
  Object.assign(figures, await benchExports({ rows: Number(process.env.BENCH_EXPORT_ROWS ?? 130_000) }));
  console.error('language: the labelled corpus (posts, replies, buyer phrases) and posting parser speed…');
  Object.assign(figures, benchLanguage());
  console.error(
    'chat: the conversation engine alone on the web channel (200 demo ASN, real SQLite), then at 100 messages/s…',
  );
  Object.assign(figures, await benchChatEngine({ ratePerS: Number(process.env.BENCH_CHAT_RATE ?? 100) }));
  // 10 each (2,000 messages) by default: on the shared host the 20,000 (100 each) takes 20+ minutes.
  const perPerson = Number(process.env.BENCH_FLOOD_PER_PERSON ?? 10);
  console.error(
    `chat flood: npm start on the demo city, 200 ASN x ${perPerson} web-chat messages over HTTP, 200 at once, /healthz polled…`,
  );
  Object.assign(figures, await benchChatFlood({ redisUrl, perPerson }));
  const pgUrl = process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (await postgresAnswers(pgUrl)) {
    const pgOrders = Number(process.env.BENCH_PG_ORDERS ?? 4000);
    console.error(
      `postgresql: ${pgOrders} queued orders reserved by 1, then 2 worker processes (npm run worker) on ${new URL(pgUrl).host}, and the hold alone…`,
    );
    Object.assign(figures, await benchPgScale({ redisUrl, serverUrl: pgUrl, orders: pgOrders }));
  } else {
    console.error(`postgresql: none answers at ${pgUrl} (set PG_URL): the pg_* figures are left out`);
  }
  console.log(JSON.stringify(figures));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
