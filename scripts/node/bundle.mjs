// Builds the Node home into one file, dist-node/server.mjs (plus its source map), with the
// esbuild that wrangler brings. better-sqlite3 stays outside: it is a native addon, installed
// next to the bundle (node_modules/better-sqlite3).
import fs from 'node:fs'
import path from 'node:path'
import { ROOT } from '../lib/wrangler.mjs'

export const OUT_DIR = path.join(ROOT, 'dist-node')
export const BUNDLE = path.join(OUT_DIR, 'server.mjs')

/** What the server's bundle and its database thread's script are both built with. */
const FOR_NODE = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
}

/**
 * The database thread's script (server/d1-thread-main.ts) as one CommonJS text, for a worker
 * started with `eval: true`; better-sqlite3 is loaded by the path the server resolved for itself.
 * @example new Worker(await buildThreadScript(), { eval: true, workerData: { file, driver } })
 */
export const buildThreadScript = async ({ minify = false } = {}) => {
  const esbuild = await import('esbuild')
  const driver = {
    name: 'driver',
    setup(build) {
      build.onResolve({ filter: /^better-sqlite3$/ }, () => ({
        path: 'driver',
        namespace: 'driver',
      }))
      build.onLoad({ filter: /.*/, namespace: 'driver' }, () => ({
        contents: "module.exports = require(require('node:worker_threads').workerData.driver)",
        loader: 'js',
      }))
    },
  }
  const result = await esbuild.build({
    ...FOR_NODE,
    entryPoints: [path.join(ROOT, 'server/d1-thread-main.ts')],
    write: false,
    format: 'cjs',
    minify,
    plugins: [driver],
  })
  return result.outputFiles[0].text
}

/**
 * Bundles server/main.ts (with the database thread's script inside); returns the bundle's path
 * and size.
 * @example const { file } = await buildNodeBundle()
 */
export const buildNodeBundle = async ({ minify = false } = {}) => {
  const esbuild = await import('esbuild')
  fs.mkdirSync(OUT_DIR, { recursive: true })
  // Build output, never committed.
  fs.writeFileSync(path.join(OUT_DIR, '.gitignore'), '*\n')
  const result = await esbuild.build({
    ...FOR_NODE,
    entryPoints: [path.join(ROOT, 'server/main.ts')],
    outfile: BUNDLE,
    format: 'esm',
    // cloudflare:* only load on Workers (dynamic imports the Node home never reaches).
    external: ['better-sqlite3', 'cloudflare:*'],
    sourcemap: 'linked',
    minify,
    // Some dependencies are CommonJS and call require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire as __jushouRequire } from 'node:module'; const require = __jushouRequire(import.meta.url);",
    },
    define: { __JUSHOU_DB_THREAD__: JSON.stringify(await buildThreadScript({ minify })) },
    metafile: true,
  })
  const bytes = fs.statSync(BUNDLE).size
  return { file: BUNDLE, bytes, inputs: Object.keys(result.metafile.inputs).length }
}
