import { defineConfig } from 'vitest/config'

// Unit tests of the admin's plain logic (no browser, no DOM): `npx vitest run --config admin/vitest.config.ts`.
export default defineConfig({
  root: new URL('..', import.meta.url).pathname,
  resolve: { alias: { '@domain': new URL('../worker/domain', import.meta.url).pathname } },
  test: {
    environment: 'node',
    include: ['admin/src/**/*.test.ts'],
  },
})
