import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: process-spawning tests (workers, redis restarts, browsers) fight for CPU otherwise.
    maxWorkers: 2,
    server: { deps: { inline: ['kysely'] } },
  },
});
