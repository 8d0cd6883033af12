#!/usr/bin/env node
// `npm run build:node`: the Node home as one bundle, dist-node/server.mjs. To run it, it needs
// beside it (in the same folder as today's repository layout): wrangler.toml, migrations/, dist/
// (the admin build: `npm run build:admin`) and node_modules/better-sqlite3.
//
//   npm run build:node                 # then: node --enable-source-maps dist-node/server.mjs
//   npm run build:node -- --minify
import path from 'node:path'
import { parseArgs } from 'node:util'
import { ROOT } from './lib/wrangler.mjs'
import { buildNodeBundle } from './node/bundle.mjs'

const { values } = parseArgs({ options: { minify: { type: 'boolean', default: false } } })
const started = Date.now()
const { file, bytes, inputs } = await buildNodeBundle({ minify: values.minify })
console.log(
  `build:node: ${path.relative(ROOT, file)} (${(bytes / 1024).toFixed(0)} KB from ${inputs} modules) in ${Date.now() - started} ms`,
)
