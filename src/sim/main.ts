import { createLogger } from '../shared/logger.js';
import { ValidationError } from '../shared/errors.js';
import { earlyStopLine } from './early-stop.js';
import { formatComparison, invariantsHold } from './format-comparison.js';
import { formatReport } from './format-report.js';
import { runSimulation, type SimResult } from './run-simulation.js';
import { parseSimOptions } from './sim-options.js';

/**
 * `npm run simulate -- --buyers 13000 --shops 1100 --seed 7`: a month of the city, then the report. Each
 * policy of `--listing` (default least_earning, then alphabetical) runs on the same seed, and the figures
 * are printed side by side. The last line of
 * output is the whole report as one JSON object. Exit code: 0, 1 when an invariant broke, 2 on bad input,
 * 3 when a run fell behind its clock and stopped early (its report covers what ran).
 */
async function main(): Promise<void> {
  const options = parseSimOptions(process.argv.slice(2));
  const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'error', name: 'sim' });
  // Seen rarely while the run's Redis is killed: an ioredis command in flight on the core's producer
  // connection is rejected with nobody awaiting it. The pipeline recovers (outbox and sweeper); count it
  // rather than let it end the run. Anything else still crashes.
  let droppedRedisCommands = 0;
  process.on('unhandledRejection', (error: unknown) => {
    if ((error as Error | null)?.name === 'MaxRetriesPerRequestError') droppedRedisCommands++;
    else throw error;
  });
  // Ctrl-C: exit, so that the private redis-server is killed (sim-redis.ts) and the worker processes,
  // which watch their parent, follow.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  const runs: SimResult[] = [];
  // Same seed, same faults, one run per policy: only the order of the listing differs.
  for (const listing of options.listings) {
    const run = await runSimulation({ ...options, listing, logger });
    runs.push(run);
    console.log(formatReport(run));
    // A run that fell behind says nothing about the listing; the next would fall behind as well.
    if (run.stoppedEarly) break;
  }
  if (runs.length > 1) console.log(formatComparison(runs));
  const stopped = runs.find((r) => r.stoppedEarly);
  if (stopped?.stoppedEarly) console.log(earlyStopLine(stopped.stoppedEarly));
  const allHold = runs.every(invariantsHold);
  const [first] = runs as [SimResult, ...SimResult[]];
  console.log(
    JSON.stringify({
      ...first,
      comparison:
        runs.length > 1
          ? {
              runs: runs.map((r) => ({
                listing: r.listing,
                area: r.area,
                gini: r.figures.giniShopRevenue,
                giniBetweenKecamatan: r.figures.giniBetweenKecamatan,
                shopsHelpedShare: r.figures.shopsHelpedShare,
                asnAtQuotaShare: r.figures.asnAtQuotaShare,
                sameKelurahanShare: r.figures.sameKelurahanShare,
              })),
              others: runs.slice(1),
            }
          : null,
      stoppedEarly: stopped?.stoppedEarly ?? null,
      invariantsHold: allHold,
      droppedRedisCommands,
    }),
  );
  process.exit(!allHold ? 1 : stopped ? 3 : 0);
}

main().catch((error: unknown) => {
  console.error(error instanceof ValidationError ? error.message : error);
  process.exit(2);
});
