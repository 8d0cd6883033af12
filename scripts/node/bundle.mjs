// Builds the Node home into one file, dist-node/server.mjs (plus its source map), with the
// esbuild that wrangler brings. better-sqlite3 stays outside: it is a native addon, installed
// next to the bundle (node_modules/better-sqlite3).
import fs from 'node:fs'
import path from 'node:path'
import { ROOT } from '../lib/wrangler.mjs'

export const OUT_DIR = path.join(ROOT, 'dist-node')
export const BUNDLE = path.join(OUT_DIR, 'server.mjs')

/**
 * Bundles server/main.ts; returns the bundle's path and size.
 * @example const { file } = await buildNodeBundle()
 */
export const buildNodeBundle = async ({ minify = false } = {}) => {
  const esbuild = await import('esbuild')
  fs.mkdirSync(OUT_DIR, { recursive: true })
  // Build output, never committed.
  fs.writeFileSync(path.join(OUT_DIR, '.gitignore'), '*\n')
  const result = await esbuild.build({
    entryPoints: [path.join(ROOT, 'server/main.ts')],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // cloudflare:* only load on Workers (dynamic imports the Node home never reaches).
    external: ['better-sqlite3', 'cloudflare:*'],
    sourcemap: 'linked',
    minify,
    legalComments: 'none',
    // Some dependencies are CommonJS and call require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire as __jushouRequire } from 'node:module'; const require = __jushouRequire(import.meta.url);",
    },
    logLevel: 'warning',
    metafile: true,
  })
  const bytes = fs.statSync(BUNDLE).size
  return { file: BUNDLE, bytes, inputs: Object.keys(result.metafile.inputs).length }
}
