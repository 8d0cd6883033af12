#!/usr/bin/env node
// Creates a staff user (default role admin) in a real or local D1. This is how a deployment gets
// its first admin: demo users exist only in the local seed.
//
//   JUSHOU_ADMIN_PASSWORD='a long secret' node scripts/create-admin.mjs --remote --username chen
//   node scripts/create-admin.mjs --local --username chen --display-name '陈建国'   # asks for it
//   node scripts/create-admin.mjs --print --username chen     # only print the INSERT
//
// The password is hashed here (PBKDF2-SHA256, 100,000 iterations, as worker/lib/password.ts);
// only the hash reaches the database or the terminal.
import { parseArgs } from 'node:util'
import { hashPassword } from './lib/password.mjs'
import { lit } from './lib/sql.mjs'
import { runWrangler } from './lib/wrangler.mjs'

const { values } = parseArgs({
  options: {
    username: { type: 'string' },
    'display-name': { type: 'string' },
    role: { type: 'string', default: 'admin' },
    remote: { type: 'boolean', default: false },
    local: { type: 'boolean', default: false },
    'persist-to': { type: 'string' },
    print: { type: 'boolean', default: false },
  },
})
const fail = (message) => {
  console.error(`create-admin: ${message}`)
  process.exit(2)
}
if (!values.username) fail('--username is required')
if (!/^[A-Za-z0-9._-]{2,64}$/.test(values.username)) fail('username: 2–64 letters, digits, . _ -')
if (!['admin', 'town', 'staff', 'viewer'].includes(values.role))
  fail('--role must be admin, town, staff or viewer')
if (!values.print && values.remote === values.local)
  fail('say where: --remote (the deployed D1) or --local; or --print')

/** Reads a line from the terminal without echoing it. */
const askHidden = (prompt) =>
  new Promise((resolve) => {
    process.stdout.write(prompt)
    const stdin = process.stdin
    stdin.setRawMode(true)
    stdin.resume()
    let text = ''
    const onData = (buf) => {
      for (const ch of buf.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false)
          stdin.pause()
          stdin.off('data', onData)
          process.stdout.write('\n')
          return resolve(text)
        }
        if (ch === '\u0003') process.exit(130)
        text = ch === '\u007f' ? text.slice(0, -1) : text + ch
      }
    }
    stdin.on('data', onData)
  })

let password = process.env.JUSHOU_ADMIN_PASSWORD
if (!password) {
  if (!process.stdin.isTTY) fail('set JUSHOU_ADMIN_PASSWORD (no terminal to ask on)')
  password = await askHidden('Password (at least 10 characters): ')
  if ((await askHidden('Again: ')) !== password) fail('the passwords differ')
}
if (password.length < 10) fail('the password needs at least 10 characters')

const { hash, salt, iterations } = hashPassword(password)
const now = Date.now()
const sql =
  'INSERT INTO users (username, display_name, role, password_hash, password_salt, password_iterations, disabled, created_at, updated_at) ' +
  `VALUES (${[values.username, values['display-name'] ?? values.username, values.role, hash, salt, iterations, 0, now, now].map(lit).join(', ')});`

if (values.print) {
  console.log(sql)
} else {
  const where = values.remote
    ? ['--remote']
    : ['--local', ...(values['persist-to'] ? ['--persist-to', values['persist-to']] : [])]
  try {
    await runWrangler(['d1', 'execute', 'DB', ...where, '--yes', '--command', sql], { echo: true })
  } catch (e) {
    fail(/UNIQUE/.test(e.message) ? `a user named ${values.username} exists already` : e.message)
  }
  console.log(
    `create-admin: ${values.role} ${values.username} created ${values.remote ? 'in the remote D1' : 'locally'}.`,
  )
}
