import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Plugin, Rolldown } from 'vite'
import { adminHeaders } from '../worker/lib/security-headers'

const BASE = '/admin/'

const vendor = /[\\/]node_modules[\\/]/
const inNodeModules = (...packages: string[]) =>
  new RegExp(`[\\\\/]node_modules[\\\\/](${packages.join('|')})[\\\\/]`)

// Vendor chunks. A module goes to the matching group of highest priority. The shell groups only
// take modules of the initial load (`$initial`) and come first, so the data grid's chunk gets
// only what the shell does not already hold, and libraries used only by lazily loaded screens
// (the data grid, charts, drag and drop) stay out of the login page.
const initial: ['$initial'] = ['$initial']
const vendorGroups = [
  {
    name: 'react',
    test: inNodeModules('react', 'react-dom', 'scheduler'),
    priority: 50,
    tags: initial,
  },
  {
    name: 'mui',
    test: inNodeModules(
      '@mui/material',
      '@mui/system',
      '@mui/styled-engine',
      '@mui/utils',
      '@mui/private-theming',
      '@mui/core-downloads-tracker',
      '@emotion',
      '@popperjs',
      'react-transition-group',
      'stylis',
      'clsx',
      '@babel/runtime',
      'prop-types',
      'react-is',
      'hoist-non-react-statics',
    ),
    priority: 45,
    tags: initial,
  },
  { name: 'icons', test: inNodeModules('@mui/icons-material'), priority: 44, tags: initial },
  // everything else the shell needs: react-admin, react-router, react-query, react-hook-form …
  { name: 'react-admin', test: vendor, priority: 43, tags: initial },
  // What the data grid and the charts share, in a small chunk of its own: otherwise the report
  // screen's charts would pull in the whole data grid chunk, or the topic grid the charts.
  {
    name: 'mui-x',
    test: inNodeModules(
      '@mui/x-internals',
      '@base-ui/utils',
      'reselect',
      'use-sync-external-store',
    ),
    priority: 11,
  },
  // MUI components the shell does not use (tabs, checkbox, autocomplete, linear progress …):
  // without this group they went into the data grid's chunk with the grid that uses them (a
  // group takes its modules' dependencies along), and every screen using one of them (a
  // programme's tabs, react-admin's inputs in the screens chunk) loaded the whole data grid.
  {
    name: 'mui-more',
    test: inNodeModules('@mui/material', '@mui/system', '@mui/utils', '@babel/runtime'),
    priority: 12,
  },
  // The schema library of the domain's form definitions (the survey screen's phone key): its own
  // chunk, not the shared screens chunk every screen loads (~11 KB gzipped more for the grid).
  { name: 'zod', test: inNodeModules('zod'), priority: 12 },
  {
    name: 'data-grid',
    test: inNodeModules('@mui/x-data-grid', '@mui/x-virtualizer'),
    priority: 10,
  },
  // Charts (the report screen only).
  {
    name: 'charts',
    test: inNodeModules(
      '@mui/x-charts',
      '@mui/x-charts-vendor',
      '@mui/x-internal-gestures',
      'bezier-easing',
      'flatqueue',
      'd3-[a-z-]+',
      'internmap',
    ),
    priority: 10,
  },
  // The rest of react-admin and MUI that screens use (list, inputs, forms, dialogs): one chunk
  // instead of ~40 small shared ones, which over HTTP/1.1 (wrangler dev) queue six at a time.
  // (Per screen it holds more than that screen needs, ~25 KB gzipped more for the topic grid.)
  { name: 'screens', test: vendor, priority: 5 },
]

/**
 * Writes dist/_headers (read by Workers static assets, which serve /admin/ without the worker):
 * the admin's Content-Security-Policy with the hash of each inline script of the built
 * index.html, no framing, HSTS (worker/lib/security-headers.ts `adminHeaders`); and the hashed
 * files under /admin/assets/ never change, so browsers keep them for a year instead of
 * revalidating ~50 files per visit.
 */
const immutableAssets = (): Plugin => ({
  name: 'jushou-immutable-assets',
  apply: 'build',
  async writeBundle() {
    const dist = (path: string) => fileURLToPath(new URL(`../dist/${path}`, import.meta.url))
    const html = fs.readFileSync(dist('admin/index.html'), 'utf8')
    fs.writeFileSync(dist('_headers'), await adminHeaders(html))
  },
})

/**
 * Opening a screen directly (a bookmark, a reload): index.html asks for that screen's chunks
 * while the shell's own scripts download, instead of after the shell has run (main.tsx
 * preloads the same modules, which then evaluate without waiting for the network). The hints go
 * at the end of the body, so the shell's scripts are requested first.
 */
const screenPreloads = (routes: Record<string, string[]>): Plugin => ({
  name: 'jushou-screen-preloads',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler(_html, { bundle }) {
      if (!bundle) return
      const chunks = Object.values(bundle).filter(
        (c): c is Rolldown.OutputChunk => c.type === 'chunk',
      )
      const byFile = new Map(chunks.map((c) => [c.fileName, c]))
      const withImports = (files: string[], into = new Set<string>()) => {
        for (const file of files) {
          if (into.has(file)) continue
          into.add(file)
          withImports(byFile.get(file)?.imports ?? [], into)
        }
        return into
      }
      const shell = withImports(chunks.filter((c) => c.isEntry).map((c) => c.fileName))
      const lines = Object.entries(routes).map(([hash, modules]) => {
        const files = modules.map((m) => {
          const chunk = chunks.find((c) => c.facadeModuleId?.endsWith(`/admin/src/${m}`))
          if (!chunk) throw new Error(`screenPreloads: no chunk for admin/src/${m}`)
          return chunk.fileName
        })
        const urls = [...withImports(files)].filter((f) => !shell.has(f)).map((f) => `${BASE}${f}`)
        return `  if (location.hash.match(/^${hash.replace(/\//g, '\\/')}\\/?(\\?|$)/)) preload(${JSON.stringify(urls)})`
      })
      const children = [
        '',
        "  // Opened on a screen: fetch its chunks now, beside the shell's (vite.config.ts screenPreloads).",
        '  const preload = (urls) => urls.forEach((href) =>',
        '    document.head.append(Object.assign(document.createElement("link"), { rel: "modulepreload", crossOrigin: "", href })))',
        ...lines,
        '',
      ].join('\n')
      return [{ tag: 'script', children: `{${children}}`, injectTo: 'body' }]
    },
  },
})

/** The topic grid (what most page loads open): its two lazily loaded modules. */
const TOPIC_SCREEN = ['resources/topics/TopicList.tsx', 'resources/topics/TopicGrid.tsx']
/** A programme's screen (its matrix is the default tab). The key is a regular expression. */
const PROGRAMME_SCREEN = ['resources/programmes/ProgrammeShow.tsx']

// Built into dist/admin, which wrangler serves as static assets at /admin/.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: BASE,
  plugins: [
    react(),
    immutableAssets(),
    screenPreloads({ '#/topics': TOPIC_SCREEN, '#/programmes/\\d+/show': PROGRAMME_SCREEN }),
  ],
  // The vocabulary and the pure rules are the server's (worker/domain): imported, never copied.
  resolve: { alias: { '@domain': fileURLToPath(new URL('../worker/domain', import.meta.url)) } },
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
