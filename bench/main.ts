import { redisAnswers } from '../src/redis/redis-url.js';
import { benchPipeline } from './pipeline.js';

/**
 * `npm run bench`: every speed figure of the project, measured on this machine. Progress goes to stderr;
 * the last line on stdout is one JSON object with all the figures.
 */
async function main(): Promise<void> {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (!(await redisAnswers(redisUrl))) throw new Error(`bench needs Redis at ${redisUrl} (start redis-server or set REDIS_URL)`);
  const orders = Number(process.env.BENCH_ORDERS ?? 10_000);
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 64);
  console.error(`pipeline: ${orders} orders, and as many bare BullMQ jobs, ${concurrency} at a time…`);
  const figures: Record<string, number> = { ...(await benchPipeline({ redisUrl, orders, concurrency })) };
  console.log(JSON.stringify(figures));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
