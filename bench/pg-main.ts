import { benchPgScale } from './pg-scale.js';

/** `node --import tsx bench/pg-main.ts`: the PostgreSQL figures alone (also part of `npm run bench`). */
const figures = await benchPgScale({
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  serverUrl: process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  orders: Number(process.env.BENCH_PG_ORDERS ?? 4000),
});
console.log(JSON.stringify(figures));
process.exit(0);
