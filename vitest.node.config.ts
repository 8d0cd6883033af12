import { defineConfig } from 'vitest/config'

// The Node home's tests (tests/node/), in Node: the D1 shim against real D1 (miniflare's workerd)
// statement by statement, the HTTP suite that runs the same requests against the Node server and
// `wrangler dev` side by side (tests/node/homes.ts starts both), and the Node entry's own parts.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/node/**/*.test.ts'],
    // One file at a time: the 2-core machines run wrangler dev and workerd besides.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    teardownTimeout: 30_000,
  },
})
