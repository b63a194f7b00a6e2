import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Report {
  invariantsHold: boolean;
  figures: {
    ordersByState: Record<string, number>;
    invariants: { capNeverPassed: boolean; noOrderChargedTwice: boolean; noAcknowledgedOrderLost: boolean; ledgerVerified: boolean; stuck: number; capViolations: unknown[]; doubleCharged: unknown[] };
    giniShopRevenue: number;
  };
  driver: string;
  faults: { workersKilled: number; redisRestarts: number; duplicatesDelivered: number; duplicatesAnswered: number; chatApiFailures: number };
  stoppedEarly: boolean;
}

/** Runs `npm run simulate` the way an operator does and returns its exit code and last line. */
function simulate(args: string[]): Promise<{ code: number | null; output: string; report: Report }> {
  return new Promise((resolve, reject) => {
    // `node --import tsx`, as package.json's script does: the worker processes it starts are its children.
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/sim/main.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
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
    const { code, output, report } = await simulate(['--buyers', '500', '--shops', '50', '--days', '2', '--seed', '7', '--faults', 'all', '--no-compare', '--driver', driver]);
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
    // Every acknowledged order ended, and none was left waiting for a job.
    expect(report.stoppedEarly).toBe(false);
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
