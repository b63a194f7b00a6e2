import { createLogger } from '../shared/logger.js';
import { ValidationError } from '../shared/errors.js';
import { earlyStopLine } from './early-stop.js';
import { formatReport } from './format-report.js';
import { runSimulation, type SimResult } from './run-simulation.js';
import { parseSimOptions } from './sim-options.js';

/**
 * `npm run simulate -- --buyers 13000 --shops 1100 --seed 7`: a month of the city, then the report. With
 * the comparison on (the default) the same seed runs again with an alphabetical listing. The last line of
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
  const fair = await runSimulation({ ...options, listing: 'fair', logger });
  runs.push(fair);
  console.log(formatReport(fair));
  // A run that fell behind says nothing about the listing; the second would fall behind as well.
  if (options.compareListing && !fair.stoppedEarly) {
    // Same seed, same faults: only the order of the listing differs.
    const alpha = await runSimulation({ ...options, listing: 'alphabetical', logger });
    runs.push(alpha);
    console.log(formatReport(alpha));
    if (!alpha.stoppedEarly) console.log(`Gini of shop revenue: ${fair.figures.giniShopRevenue} least-earning-first vs ${alpha.figures.giniShopRevenue} alphabetical`);
  }
  const stopped = runs.find((r) => r.stoppedEarly);
  if (stopped?.stoppedEarly) console.log(earlyStopLine(stopped.stoppedEarly));
  const inv = runs.map((r) => r.figures.invariants);
  // A repeated chat update (same message id) that the engine answered again is a broken dedupe.
  const allHold = inv.every((i) => i.capNeverPassed && i.noOrderChargedTwice && i.noAcknowledgedOrderLost && i.ledgerVerified) && runs.every((r) => r.faults.duplicatesAnswered === 0);
  console.log(
    JSON.stringify({
      ...fair,
      comparison: runs[1] ? { giniFair: fair.figures.giniShopRevenue, giniAlphabetical: runs[1].figures.giniShopRevenue, alphabetical: runs[1] } : null,
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
