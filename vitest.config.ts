import { configDefaults, defineConfig } from 'vitest/config';

// Three tiers (issue 17), all run by `npm test`:
// - unit: tests/unit, pure code only (no Redis, no network, no browser, no child processes), so it runs
//   without the Redis global setup: `npm run test:unit`, in seconds, with Redis stopped;
// - integration: every other folder, on the real things (SQLite files, Redis, worker processes, fake chat APIs);
// - browser: tests/browser, the dashboard and the web chat in headless Chromium.
// - postgres (`npm run test:pg`, not part of `npm test`): every integration and browser test that touches the
//   database, again on PostgreSQL at PG_URL (createTestDb copies a migrated template per file), except the files
//   below.
const redisSetup = ['tests/support/global-setup.ts'];
/** Tests about SQLite itself, and what PostgreSQL cannot do yet: SQLite only (a test's own queries go through t.all / t.one). */
const sqliteOnly = [
  'tests/db/busy-wait.test.ts', // SQLite's busy handling on the event loop
  'tests/db/migration-0007.test.ts', // a SQLite table rebuild
  'tests/postgres/**', // already PostgreSQL, run by npm test
];
const testFiles = ['**/*.test.ts', '**/*.test.tsx'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: process-spawning tests (workers, redis restarts, browsers) fight for CPU otherwise.
    maxWorkers: 2,
    server: { deps: { inline: ['kysely'] } },
    projects: [
      { extends: true, test: { name: 'unit', include: testFiles.map((f) => `tests/unit/${f}`) } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: testFiles.map((f) => `tests/${f}`),
          exclude: [...configDefaults.exclude, 'tests/unit/**', 'tests/browser/**'],
          globalSetup: redisSetup,
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: testFiles.map((f) => `tests/${f}`),
          exclude: [...configDefaults.exclude, 'tests/unit/**', ...sqliteOnly],
          globalSetup: [...redisSetup, 'tests/support/pg-global-setup.ts'],
          env: { TEST_DATABASE: 'postgres' },
        },
      },
      {
        extends: true,
        test: { name: 'browser', include: testFiles.map((f) => `tests/browser/${f}`), globalSetup: redisSetup },
      },
    ],
  },
});
