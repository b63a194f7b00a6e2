import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Report {
  invariantsHold: boolean;
  figures: {
    ordersByState: Record<string, number>;
    invariants: {
      capNeverPassed: boolean;
      noOrderChargedTwice: boolean;
      noAcknowledgedOrderLost: boolean;
      ledgerVerified: boolean;
      stuck: number;
      capViolations: unknown[];
      doubleCharged: unknown[];
    };
    giniShopRevenue: number;
  };
  driver: string;
  faults: {
    workersKilled: number;
    redisRestarts: number;
    duplicatesDelivered: number;
    duplicatesAnswered: number;
    chatApiFailures: number;
  };
  elapsedSeconds: number;
  deadlines: {
    samples: number;
    maxOverdueHolds: number;
    example: unknown;
    maxMinutesPastDeadline: number;
    neverDelivered: number;
    neverPaid: number;
    expiredNotDelivered: number;
    inReview: number;
  };
  cutOffAtDeadline: boolean;
  stoppedEarly: {
    listing: string;
    day: number;
    reason: string;
    noticeLagMinutes: number | null;
    agentLagMinutes: number | null;
    limitMinutes: number;
    behindSeconds: number;
  } | null;
  comparison: unknown;
}

/** Runs `npm run simulate` the way an operator does and returns its exit code and last line. */
function simulate(args: string[]): Promise<{ code: number | null; output: string; report: Report }> {
  return new Promise((resolve, reject) => {
    // `node --import tsx`, as package.json's script does: the worker processes it starts are its children.
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/sim/main.ts', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = output.trim().split('\n').at(-1) ?? '';
      try {
        resolve({ code, output, report: JSON.parse(last) as Report });
      } catch {
        reject(new Error(`the last line is not the JSON report:\n${output.slice(-3000)}`));
      }
    });
  });
}

describe('a small month of the city with every fault on', () => {
  it('keeps every ledger invariant while workers are killed, Redis restarts, updates repeat and the chat API fails', async () => {
    // Buyers and shopkeepers chat with the conversation engine (the default driver); SIM_DRIVER=direct runs
    // the same month through the order service alone.
    const driver = process.env.SIM_DRIVER ?? 'engine';
    // 500 ASN in two days at ×6,000 is more than a 2-core machine keeps up with (most orders expire, even
    // without faults): the run stresses the ledger, its month means nothing. So it runs to the end
    // regardless of the lag (the next test is the lag stop).
    // Issue 14's lapses are the next test's: off here, so that this run ends when its orders do.
    const { code, output, report } = await simulate([
      '--buyers',
      '500',
      '--shops',
      '50',
      '--days',
      '2',
      '--seed',
      '7',
      '--faults',
      'all',
      '--no-compare',
      '--driver',
      driver,
      '--no-stop-on-lag',
      '--never-delivers',
      '0',
      '--never-paid',
      '0',
    ]);
    expect(report.driver).toBe(driver);
    const inv = report.figures.invariants;
    // The invariants first: these are what the test exists for.
    expect(inv.capViolations, output).toEqual([]);
    expect(inv.capNeverPassed).toBe(true);
    expect(inv.doubleCharged).toEqual([]);
    expect(inv.noOrderChargedTwice).toBe(true);
    expect(inv.stuck).toBe(0);
    expect(inv.noAcknowledgedOrderLost).toBe(true);
    expect(inv.ledgerVerified).toBe(true);
    expect(report.invariantsHold).toBe(true);
    expect(code).toBe(0);
    expect(report.deadlines.maxOverdueHolds, JSON.stringify(report.deadlines)).toBe(0);
    // Every acknowledged order ended, and none was left waiting for a job.
    expect(report.cutOffAtDeadline).toBe(false);
    expect(report.stoppedEarly, output).toBeNull();
    expect(report.figures.ordersByState.submitted ?? 0).toBe(0);

    // The faults really happened…
    expect(report.faults.workersKilled).toBeGreaterThanOrEqual(1);
    expect(report.faults.redisRestarts).toBeGreaterThanOrEqual(1);
    expect(report.faults.duplicatesDelivered).toBeGreaterThan(0);
    // A repeated chat update (same message id) got no second answer and had no second effect.
    expect(report.faults.duplicatesAnswered).toBe(0);
    expect(report.faults.chatApiFailures).toBeGreaterThan(0);
    // …and every way an order can end was taken.
    const s = report.figures.ordersByState;
    expect(s.completed ?? 0).toBeGreaterThan(0);
    expect((s.refused ?? 0) + (s.rejected ?? 0)).toBeGreaterThan(0);
    expect(s.expired ?? 0).toBeGreaterThan(0);
    expect(s.cancelled ?? 0).toBeGreaterThan(0);
  }, 240_000);
});

describe('shops that never deliver and buyers who never confirm (issue 14)', () => {
  it('lets no hold outlive its deadline plus one sweep, through worker kills and a Redis restart, and ledger verify is clean', async () => {
    // Half the shops accept and never deliver, a third of the delivered orders are never confirmed paid (ten
    // and six times the default), so that a run this small takes both paths to their last deadline even on a
    // loaded machine, where most orders expire before a shop answers. The direct driver (the order service
    // without the chat layer) and ×4,000 leave the machine to the pipeline under test: through the engine at
    // load 20, the shops that lapse sometimes never accepted an order.
    const lapses = ['--never-delivers', '0.5', '--never-paid', '0.3'];
    const { code, output, report } = await simulate([
      '--buyers',
      '200',
      '--shops',
      '20',
      '--days',
      '2',
      '--seed',
      '3',
      '--faults',
      'all',
      '--no-compare',
      '--no-stop-on-lag',
      '--driver',
      'direct',
      '--scale',
      '4000',
      ...lapses,
    ]);
    // The watch sampled the run; no hold was still open after the sweep that followed its deadline.
    expect(report.deadlines.samples, output).toBeGreaterThan(10);
    expect(report.deadlines.maxOverdueHolds, JSON.stringify(report.deadlines)).toBe(0);
    // Shops that never delivered: their accepted orders expired, reason not_delivered (the hold released);
    // deliveries never paid: on the admins' review list, where the run leaves them.
    expect(report.deadlines.neverDelivered).toBeGreaterThan(0);
    expect(report.deadlines.expiredNotDelivered).toBeGreaterThan(0);
    expect(report.deadlines.neverPaid).toBeGreaterThan(0);
    expect(report.deadlines.inReview).toBeGreaterThan(0);
    expect(report.faults.workersKilled).toBeGreaterThanOrEqual(1);
    expect(report.faults.redisRestarts).toBeGreaterThanOrEqual(1);
    // And the ledger: every balance equals its entries, no order charged twice, no cap passed.
    expect(report.figures.invariants.ledgerVerified).toBe(true);
    expect(report.figures.invariants.noOrderChargedTwice).toBe(true);
    expect(report.figures.invariants.capNeverPassed).toBe(true);
    expect(report.invariantsHold).toBe(true);
    expect(code).toBe(0);
  }, 240_000);
});

describe('a run that falls behind its clock', () => {
  it('stops early with the day and the lag, still reports what ran, skips the comparison and exits 3', async () => {
    // Each reservation's hold transaction stalls 250 real ms (a machine far too slow for ×12,000): new-order
    // notices reach the shops hours of virtual time after the reservation, so the month cannot be kept up.
    const days = 2;
    const scale = 12_000;
    const { code, output, report } = await simulate([
      '--buyers',
      '200',
      '--shops',
      '20',
      '--days',
      String(days),
      '--seed',
      '3',
      '--faults',
      'none',
      '--scale',
      String(scale),
      '--hold-delay-ms',
      '250',
      '--lag-grace-seconds',
      '3',
    ]);
    expect(code, output).toBe(3);
    const stop = report.stoppedEarly;
    expect(stop, output).not.toBeNull();
    expect(stop!.listing).toBe('least_earning');
    expect(stop!.day).toBeGreaterThanOrEqual(1);
    // After the ordering window the run goes on for up to four virtual days while deadlines drain (issue 14),
    // and falling behind there stops it too: on a slow machine the lag may only trip on day 3.
    expect(stop!.day).toBeLessThanOrEqual(days + 4);
    expect(stop!.reason).toContain('fell behind the clock');
    expect(stop!.limitMinutes).toBe(15);
    expect(Math.max(stop!.noticeLagMinutes ?? 0, stop!.agentLagMinutes ?? 0)).toBeGreaterThan(15);
    expect(stop!.behindSeconds).toBeGreaterThanOrEqual(3);
    // Early: well before the month (and its day of settling) would have ended at this scale.
    expect(report.elapsedSeconds).toBeLessThan(((days + 1) * 86_400) / scale);
    expect(report.cutOffAtDeadline).toBe(false);
    // The report of what ran is still printed, then the one line saying what happened and what to do.
    expect(output).toMatch(/^orders {10}\d+/m);
    expect(output).toMatch(
      /^STOPPED EARLY \(least_earning listing\): the run fell behind the clock at ×12000: .* on virtual day [12]\. .*smaller --scale/m,
    );
    // The alphabetical run would fall behind as well: it is not run.
    expect(report.comparison).toBeNull();
    // Stopping mid-month breaks nothing in the ledger.
    expect(report.invariantsHold).toBe(true);
  }, 60_000);
});
