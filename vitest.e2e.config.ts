import fs from 'node:fs'
import { defineConfig } from 'vitest/config'

// Browser tests: a real `wrangler dev` on a free port over a fresh, seeded local D1
// (tests/e2e/global-setup.ts), driven by Debian's chromium through playwright-core.
// The admin must be built first: `npm run test:e2e` does `npm run build:admin` before this.

// Throwaway state (the worker's database, chromium's profiles and downloads) lives in memory
// where the machine has /dev/shm: none of it outlives the run, and a shared machine's slow disk
// cannot hold a request up. The global setup and the test workers inherit this.
const inMemory = '/dev/shm/jushou-e2e'
try {
  fs.mkdirSync(inMemory, { recursive: true })
  process.env.TMPDIR = inMemory
} catch {
  // No /dev/shm (macOS): the system's temp dir.
}

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
    teardownTimeout: 60_000,
    // On CI a test that fails is run once more; the run's end lists every time the server was
    // slow (tests/e2e/stall-watch.ts), so a retry never hides a server that stopped answering.
    retry: process.env.CI ? 1 : 0,
  },
})
