import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Plugin } from 'vite'

const inNodeModules = (...packages: string[]) =>
  new RegExp(`[\\\\/]node_modules[\\\\/](${packages.join('|')})[\\\\/]`)

// Vendor chunks. A module goes to the matching group of highest priority. The shell groups only
// take modules of the initial load (`$initial`) and come first, so the data grid's chunk gets
// only what the shell does not already hold, and libraries used only by lazily loaded screens
// (the data grid, charts, drag and drop) stay out of the login page.
const initial: ['$initial'] = ['$initial']
const vendorGroups = [
  { name: 'react', test: inNodeModules('react', 'react-dom', 'scheduler'), priority: 50, tags: initial },
  {
    name: 'mui',
    test: inNodeModules(
      '@mui/material', '@mui/system', '@mui/styled-engine', '@mui/utils', '@mui/private-theming',
      '@mui/core-downloads-tracker', '@emotion', '@popperjs', 'react-transition-group', 'stylis',
      'clsx', '@babel/runtime', 'prop-types', 'react-is', 'hoist-non-react-statics',
    ),
    priority: 45,
    tags: initial,
  },
  { name: 'icons', test: inNodeModules('@mui/icons-material'), priority: 44, tags: initial },
  // everything else the shell needs: react-admin, react-router, react-query, react-hook-form …
  { name: 'react-admin', test: /[\\/]node_modules[\\/]/, priority: 43, tags: initial },
  {
    name: 'data-grid',
    test: inNodeModules(
      '@mui/x-data-grid', '@mui/x-internals', '@mui/x-virtualizer', 'reselect', 'use-sync-external-store',
    ),
    priority: 10,
  },
]

/**
 * Writes dist/_headers (read by Workers static assets): the hashed files under /admin/assets/
 * never change, so browsers keep them for a year instead of revalidating ~50 files per visit.
 */
const immutableAssets = (): Plugin => ({
  name: 'jushou-immutable-assets',
  apply: 'build',
  writeBundle() {
    const file = fileURLToPath(new URL('../dist/_headers', import.meta.url))
    fs.writeFileSync(file, '/admin/assets/*\n  Cache-Control: public, max-age=31536000, immutable\n')
  },
})

// Built into dist/admin, which wrangler serves as static assets at /admin/.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/admin/',
  plugins: [react(), immutableAssets()],
  build: {
    outDir: fileURLToPath(new URL('../dist/admin', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: { codeSplitting: { groups: vendorGroups } },
    },
  },
  server: { proxy: { '/api': 'http://localhost:8787' } },
})
