import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'
import { mkdirSync } from 'node:fs'

// wrangler.toml serves ./dist (the built admin) as assets; the worker tests need it to exist.
mkdirSync('dist/admin', { recursive: true })

// Worker tests run inside workerd against a real local D1 (SQLite). Storage is isolated per
// test file; migrations are applied by tests/setup.ts. Each file starts its own workerd and loads
// the app into it (~5 s of CPU, more than most files' tests), so two files run at once: CI has two
// cores. Sharing one workerd between files (isolate: false) was tried: requests got slower with
// every file (a 0.7 s test took over 30 s as the 16th file), so files stay isolated.
export default defineConfig(async () => {
  const migrations = await readD1Migrations('./migrations')
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: './wrangler.toml' },
        // EMAIL: the send_email binding, as miniflare simulates it (tests/providers-roundtrip.test.ts).
        miniflare: {
          bindings: { TEST_MIGRATIONS: migrations },
          email: { send_email: [{ name: 'EMAIL' }] },
        },
      }),
    ],
    test: {
      include: ['tests/**/*.test.ts'],
      exclude: ['tests/e2e/**', 'tests/node/**'],
      setupFiles: ['./tests/setup.ts'],
      // The notification providers' local stand-in (tests only).
      globalSetup: ['./tests/standin/global-setup.ts'],
      maxWorkers: 2,
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  }
})
