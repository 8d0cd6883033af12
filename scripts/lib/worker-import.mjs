// Imports TypeScript from worker/ into a node script (for the bench: to get the exact SQL an API
// route runs, via drizzle's toSQL()). Bundled by the esbuild that wrangler brings.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { ROOT } from './wrangler.mjs'

/**
 * Bundles `source` (TypeScript; imports resolve from the repo root) and imports it.
 * @example const { f } = await importTs(`export { topicWhere as f } from './worker/api/topics/record'`)
 */
export const importTs = async (source) => {
  const esbuild = await import('esbuild')
  const out = await esbuild.build({
    stdin: { contents: source, resolveDir: ROOT, loader: 'ts', sourcefile: 'bench-entry.ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  })
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jushou-import-'))
  const file = path.join(dir, 'entry.mjs')
  fs.writeFileSync(file, out.outputFiles[0].text)
  try {
    return await import(pathToFileURL(file).href)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
