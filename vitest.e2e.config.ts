import { defineConfig } from 'vitest/config'

// Browser tests: a real `wrangler dev` on a free port over a fresh, seeded local D1
// (tests/e2e/global-setup.ts), driven by Debian's chromium through playwright-core.
// The admin must be built first: `npm run test:e2e` does `npm run build:admin` before this.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['./tests/e2e/global-setup.ts'],
    // One server and one database for every file: files run one after another.
    fileParallelism: false,
    // Generous: a busy 2-core machine can take tens of seconds to load the admin bundle.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
})
