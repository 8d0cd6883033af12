import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, seedSqlite } from '../../scripts/node/seed.mjs'
import { parseHeaders, patternRegExp } from '../../server/assets'
import { backupDatabase, restoreDatabase } from '../../server/backup'
import { CLIENT_HEADER, loadConfig, NODE_CLIENT_ADDRESS } from '../../server/config'
import { openDatabase } from '../../server/database'
import { applyMigrations, migrationFiles } from '../../server/migrations'
import { connectionWriter, startCheckpointer } from '../../server/checkpoint'
import { clientOf, trustedProxies } from '../../server/proxy'
import { type NodeHome, startServer } from '../../server/server'

// The Node entry's own parts, on servers started in this process: client addresses behind
// trusted proxies, the https scheme from a proxy, the cron job, backups and restores while the
// server runs, the migrations runner, and the settings from wrangler.toml and the environment.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jushou-node-home-'))
const MIGRATIONS = path.resolve('migrations')

// Migrated and seeded once; every server gets a copy.
const TEMPLATE = path.join(dir, 'template.sqlite')
beforeAll(async () => {
  const sqlite = openDatabase(TEMPLATE)
  applyMigrations(sqlite, MIGRATIONS)
  await seedSqlite(sqlite)
  // Closing the last connection checkpoints the WAL into the file: the file alone is complete.
  sqlite.close()
})

/** A seeded database file of its own. */
const seededDatabase = async (name: string) => {
  const file = path.join(dir, name)
  fs.copyFileSync(TEMPLATE, file)
  return file
}

const start = async (name: string, env: Record<string, string> = {}) =>
  startServer(loadConfig({ JUSHOU_DATABASE: await seededDatabase(name), PORT: '0', ...env }), {
    log: () => {},
    crons: false,
  })

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

/** A request through node:http, which (unlike fetch) may set Host, as a proxy does. */
const request = (
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
) =>
  new Promise<{ status: number; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request(
      url,
      { method: init.method ?? 'GET', headers: init.headers },
      (res) => {
        res.resume()
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }))
      },
    )
    req.on('error', reject)
    req.end(init.body)
  })

const login = (home: NodeHome, headers: Record<string, string>, password = 'wrong-password') =>
  request(`${home.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username: 'staff', password }),
  })

describe('client address: X-Forwarded-For only from trusted proxies', () => {
  it('clientOf reads the chain from the right, skipping trusted hops', () => {
    const proxies = trustedProxies(['loopback', '10.0.0.0/8'])
    expect(clientOf('127.0.0.1', '203.0.113.7', proxies)).toBe('203.0.113.7')
    expect(clientOf('127.0.0.1', '198.51.100.1, 203.0.113.7, 10.1.2.3', proxies)).toBe(
      '203.0.113.7',
    )
    expect(clientOf('::ffff:127.0.0.1', '10.0.0.1, 10.0.0.2', proxies)).toBe('10.0.0.1')
    expect(clientOf('192.0.2.9', '203.0.113.7', proxies)).toBe('192.0.2.9')
    expect(clientOf('127.0.0.1', 'not-an-address', proxies)).toBe('127.0.0.1')
    expect(clientOf('127.0.0.1', undefined, trustedProxies(['none']))).toBe('127.0.0.1')
    expect(() => trustedProxies(['10.0.0.0/33'])).toThrow(/prefix/)
    expect(() => trustedProxies(['localhost'])).toThrow(/not an address/)
  })

  it('sign-in throttling counts per forwarded address when the proxy is trusted', async () => {
    const home = await start('trusted.sqlite', { TRUSTED_PROXIES: 'loopback' })
    try {
      for (let i = 0; i < 5; i++)
        expect((await login(home, { 'x-forwarded-for': '203.0.113.10' })).status).toBe(401)
      expect((await login(home, { 'x-forwarded-for': '203.0.113.10' })).status).toBe(429)
      // Another client behind the same proxy is not held up.
      expect((await login(home, { 'x-forwarded-for': '203.0.113.11' })).status).toBe(401)
    } finally {
      await home.close()
    }
  })

  it('ignores X-Forwarded-For and a forged client header from an untrusted peer', async () => {
    const home = await start('untrusted.sqlite', { TRUSTED_PROXIES: 'none' })
    try {
      for (let i = 0; i < 5; i++)
        expect(
          (
            await login(home, {
              'x-forwarded-for': `203.0.113.${20 + i}`,
              [CLIENT_HEADER]: `x${i}`,
            })
          ).status,
        ).toBe(401)
      // Every attempt came from 127.0.0.1, whatever the headers said.
      expect(
        (await login(home, { 'x-forwarded-for': '203.0.113.99', [CLIENT_HEADER]: '192.0.2.1' }))
          .status,
      ).toBe(429)
    } finally {
      await home.close()
    }
  })

  it('takes https from a trusted proxy (HSTS, same-origin check), not from anyone else', async () => {
    const trusted = await start('https-trusted.sqlite', { TRUSTED_PROXIES: 'loopback' })
    const untrusted = await start('https-untrusted.sqlite', { TRUSTED_PROXIES: 'none' })
    const proxied = { host: 'jushou.example', 'x-forwarded-proto': 'https' }
    try {
      const health = await request(`${trusted.url}/healthz`, { headers: proxied })
      expect(health.headers['strict-transport-security']).toMatch(/max-age/)
      const ok = await login(
        trusted,
        { ...proxied, origin: 'https://jushou.example' },
        DEMO_PASSWORD,
      )
      expect(ok.status).toBe(200)
      expect(String(ok.headers['set-cookie'])).toMatch(/Secure/i)

      const plain = await request(`${untrusted.url}/healthz`, { headers: proxied })
      expect(plain.headers['strict-transport-security']).toBeUndefined()
      // The browser's https origin is not this server's http one: refused as cross-site.
      const refused = await login(
        untrusted,
        { ...proxied, origin: 'https://jushou.example' },
        DEMO_PASSWORD,
      )
      expect(refused.status).toBe(403)
    } finally {
      await trusted.close()
      await untrusted.close()
    }
  })
})

describe('compression, as Cloudflare compresses for the browser', () => {
  let home: NodeHome
  beforeAll(async () => {
    home = await start('gzip.sqlite')
  })
  afterAll(() => home.close())

  /** A GET through node:http (no automatic decoding): status, headers and the raw bytes. */
  const raw = (url: string, headers: Record<string, string> = {}, method = 'GET') =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
      (resolve, reject) => {
        const req = http.request(url, { method, headers }, (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks),
            }),
          )
        })
        req.on('error', reject)
        req.end()
      },
    )

  it('gzips a page over 1 KB for a client that takes gzip, and only then', async () => {
    const board = `${home.url}/b/huihuayuan`
    const plain = await raw(board)
    expect(plain.status).toBe(200)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.length).toBeGreaterThan(1024)
    const zipped = await raw(board, { 'accept-encoding': 'gzip' })
    expect(zipped.headers['content-encoding']).toBe('gzip')
    expect(zipped.headers.vary).toMatch(/Accept-Encoding/)
    expect(zipped.headers['content-security-policy']).toBeTruthy()
    // The same page (apart from its CSP nonce and fresh form keys), smaller.
    const fresh = (html: string) =>
      html.replace(/nonce="[^"]+"/g, 'nonce').replace(/name="key" value="[^"]+"/g, 'key')
    expect(fresh(gunzipSync(zipped.body).toString())).toBe(fresh(plain.body.toString()))
    expect(zipped.body.length).toBeLessThan(plain.body.length)
  })

  it('leaves small answers, HEAD and empty bodies as they are', async () => {
    const small = await raw(`${home.url}/healthz`, { 'accept-encoding': 'gzip' })
    expect(small.status).toBe(200)
    expect(small.headers['content-encoding']).toBeUndefined()
    expect(JSON.parse(small.body.toString())).toMatchObject({ ok: true })
    const head = await raw(`${home.url}/b/huihuayuan`, { 'accept-encoding': 'gzip' }, 'HEAD')
    expect(head.headers['content-encoding']).toBeUndefined()
    expect(head.body.length).toBe(0)
    const redirect = await raw(`${home.url}/admin`, { 'accept-encoding': 'gzip' })
    expect(redirect.status).toBe(302)
    expect(redirect.headers['content-encoding']).toBeUndefined()
  })
})

describe('the scheduled job, in-process', () => {
  it('runs worker/scheduled.ts: topics without look-alike tokens get them', async () => {
    const home = await start('cron.sqlite')
    try {
      const untokenized = () =>
        home.sqlite
          .prepare(
            'SELECT count(*) FROM topics t WHERE NOT EXISTS (SELECT 1 FROM topic_token_sets s WHERE s.topic_id = t.id)',
          )
          .pluck()
          .get()
      home.sqlite
        .prepare('DELETE FROM topic_token_sets WHERE topic_id IN (SELECT id FROM topics LIMIT 7)')
        .run()
      expect(untokenized()).toBeGreaterThanOrEqual(7)
      await home.runCron('*/10 * * * *')
      expect(untokenized()).toBe(0)
    } finally {
      await home.close()
    }
  })
})

describe('WAL checkpoints, from a thread of their own', () => {
  it('commits never checkpoint while the thread runs; its checkpoints reach the file', async () => {
    const home = await start('checkpoint.sqlite')
    const file = path.join(dir, 'checkpoint.sqlite')
    try {
      expect(home.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0)
      const before = fs.statSync(file).size
      // ~6 MB in 60 commits, 1,500 pages: SQLite's own rule would checkpoint at 1,000.
      const insert = home.sqlite.prepare(
        'INSERT INTO rate_limits (key, window_start, count) VALUES (?, 0, 1)',
      )
      const commit = home.sqlite.transaction((n: number) => {
        for (let i = 0; i < 100; i++) insert.run(`checkpoint-${n}-${i}-${'x'.repeat(1000)}`)
      })
      for (let n = 0; n < 60; n++) commit(n)
      expect(fs.statSync(file).size).toBe(before)
      expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(6_000_000)
      // Once a second; more when the machine is busy with the other test files.
      const deadline = Date.now() + 15_000
      while (fs.statSync(file).size === before && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 100))
      expect(fs.statSync(file).size).toBeGreaterThan(before + 6_000_000)
    } finally {
      await home.close()
    }
  })
})

describe('WAL checkpoints under a steady write load', () => {
  // Writes ~2 MB per 100 ms for 2 s with short pauses, as a busy server does; returns the
  // largest WAL seen.
  const steadyLoad = async (file: string, capBytes: number) => {
    const sqlite = openDatabase(file)
    sqlite.exec('CREATE TABLE IF NOT EXISTS load (body TEXT)')
    const checkpoints = startCheckpointer([connectionWriter(sqlite)], file, {
      intervalMs: 50,
      capBytes,
    })
    const insert = sqlite.prepare('INSERT INTO load (body) VALUES (?)')
    const commit = sqlite.transaction(() => {
      for (let i = 0; i < 10; i++) insert.run('x'.repeat(3000))
    })
    let largest = 0
    try {
      const until = Date.now() + 2_000
      while (Date.now() < until) {
        commit()
        largest = Math.max(largest, fs.statSync(`${file}-wal`).size)
        await new Promise((resolve) => setTimeout(resolve, 1))
      }
    } finally {
      await checkpoints.stop()
      sqlite.close()
    }
    return largest
  }

  it('a PASSIVE checkpoint never catches up, so past the cap it makes writers wait', async () => {
    const MB = 2 ** 20
    const uncapped = await steadyLoad(path.join(dir, 'wal-uncapped.sqlite'), Infinity)
    const capped = await steadyLoad(path.join(dir, 'wal-capped.sqlite'), 2 * MB)
    console.log(
      `largest WAL: ${(uncapped / MB).toFixed(1)} MB uncapped, ${(capped / MB).toFixed(1)} MB with a 2 MB cap`,
    )
    expect(uncapped).toBeGreaterThan(20 * MB)
    expect(capped).toBeLessThan(8 * MB)
  })
})

describe('WAL checkpoints: when the thread is gone', () => {
  it('the connection checkpoints on commit again, as SQLite does by default', async () => {
    const file = await seededDatabase('checkpoint-fallback.sqlite')
    const sqlite = openDatabase(file)
    const lines: string[] = []
    const checkpoints = startCheckpointer([connectionWriter(sqlite)], file, {
      log: (line) => lines.push(line),
    })
    try {
      expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0)
      await checkpoints.thread!.terminate()
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000)
      expect(lines.join('\n')).toContain('checkpointing on commit again')
    } finally {
      await checkpoints.stop()
      sqlite.close()
    }
  })
})

describe('the bench data, grown in place', () => {
  // `npm run bench -- --scales …` grows the data between measurements, after the load has filed
  // needs with random tracking codes. A code the seeder makes later may be one of them: that
  // topic is skipped, and its token set and event must be skipped with it.
  it('skips a topic whose code a resident took, with its token set and event', async () => {
    const scale = (topics: number) => ({ topics, neighborhoods: 20 })
    // Which code the seeder gives the 300th topic of its own: grow a scratch copy and read it.
    const scratch = new Database(await seededDatabase('grow-scratch.sqlite'))
    await seedSqlite(scratch, { scale: scale(600) })
    const { id, code } = scratch
      .prepare(
        'SELECT id, tracking_code AS code FROM topics WHERE id >= 100001 ORDER BY id LIMIT 1 OFFSET 299',
      )
      .get() as { id: number; code: string }
    scratch.close()

    const sqlite = new Database(await seededDatabase('grow.sqlite'))
    sqlite.pragma('foreign_keys = ON')
    await seedSqlite(sqlite, { scale: scale(300) })
    expect(sqlite.prepare('SELECT count(*) FROM topics WHERE id = ?').pluck().get(id)).toBe(0)
    // A resident files a need and is given that code.
    sqlite
      .prepare(
        `INSERT INTO topics (neighborhood_id, category_id, channel_id, title, status, tracking_code, created_at, updated_at)
         SELECT neighborhood_id, 1, id, '楼道灯不亮', 'submitted', ?, 1, 1 FROM channels LIMIT 1`,
      )
      .run(code)
    await seedSqlite(sqlite, { scale: scale(600) })
    expect(sqlite.prepare('SELECT count(*) FROM topics WHERE id = ?').pluck().get(id)).toBe(0)
    expect(
      sqlite.prepare('SELECT count(*) FROM topic_events WHERE topic_id = ?').pluck().get(id),
    ).toBe(0)
    expect(
      sqlite.prepare('SELECT count(*) FROM topics WHERE tracking_code = ?').pluck().get(code),
    ).toBe(1)
    // every other topic of the seeder's range (history.mjs's start at 6,000,001) has both
    const grown = sqlite
      .prepare(
        `SELECT count(*) AS topics,
           sum(EXISTS (SELECT 1 FROM topic_token_sets s WHERE s.topic_id = t.id)) AS tokenSets,
           sum(EXISTS (SELECT 1 FROM topic_events e WHERE e.topic_id = t.id)) AS events
         FROM topics t WHERE id BETWEEN 100001 AND 5999999`,
      )
      .get() as { topics: number; tokenSets: number; events: number }
    expect(grown.topics).toBeGreaterThan(300)
    expect(grown).toEqual({ topics: grown.topics, tokenSets: grown.topics, events: grown.topics })
    expect(sqlite.pragma('foreign_key_check')).toEqual([])
    sqlite.close()
  })
})

describe('backups', () => {
  let home: NodeHome
  let database: string
  beforeAll(async () => {
    database = await seededDatabase('backup.sqlite')
    home = await startServer(loadConfig({ JUSHOU_DATABASE: database, PORT: '0' }), {
      log: () => {},
      crons: false,
    })
  })

  let sent = 0
  const fileNeed = (title: string) =>
    fetch(`${home.url}/n/huihuayuan/new`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-forwarded-for': `203.0.113.${++sent}`,
      },
      body: new URLSearchParams({
        key: `backup-test-${sent}-${Date.now()}`,
        title,
        details: '备份测试',
        categoryId: '1',
        // File it even when it looks like another (the similar-topic step).
        confirmed: '1',
      }),
      redirect: 'manual',
    }).then(async (res) => {
      // Filed: 303 to the receipt, which shows the code to the browser holding its cookie.
      if (res.status !== 303) return { status: res.status, filed: false }
      const cookie = res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ')
      const receipt = await fetch(new URL(res.headers.get('location')!, home.url), {
        headers: { cookie },
      })
      return {
        status: receipt.status,
        filed: /[A-Z0-9]{3}-[A-Z0-9]{3}/.test(await receipt.text()),
      }
    })
  const titles = (file: string) => {
    const db = new Database(file, { readonly: true })
    try {
      return db
        .prepare("SELECT title FROM topics WHERE title LIKE '备份%' ORDER BY id")
        .pluck()
        .all()
    } finally {
      db.close()
    }
  }
  const DURING = [
    '绿化带杂草',
    '垃圾桶满溢',
    '自行车乱停',
    '楼道堆物',
    '外墙渗水',
    '车库积水',
    '健身器材松动',
    '宠物扰民',
    '电瓶车充电',
    '快递柜故障',
  ]

  it('copies the database while the server writes, and restores it', async () => {
    expect(await fileNeed('备份之前：一号楼门禁坏了')).toEqual({ status: 200, filed: true })
    // Writes going on during the backup.
    const writes = Promise.all(DURING.map((what) => fileNeed(`备份期间：${what}`)))
    const backup = await backupDatabase(database, path.join(dir, 'backups'), {
      now: new Date('2026-12-05T03:15:02.123Z'),
    })
    expect(await writes).toEqual(DURING.map(() => ({ status: 200, filed: true })))
    expect(path.basename(backup.file)).toBe('jushou-2026-12-05T031502Z.sqlite')
    expect(await fileNeed('备份之后：三号楼电梯异响')).toEqual({ status: 200, filed: true })
    await home.close()

    const inBackup = titles(backup.file)
    expect(inBackup).toContain('备份之前：一号楼门禁坏了')
    expect(inBackup).not.toContain('备份之后：三号楼电梯异响')
    expect(titles(database)).toContain('备份之后：三号楼电梯异响')

    await restoreDatabase(backup.file, database)
    expect(titles(database)).toEqual(inBackup)
    // The restored file serves again, with the backup's data.
    home = await startServer(loadConfig({ JUSHOU_DATABASE: database, PORT: '0' }), {
      log: () => {},
      crons: false,
    })
    const health = await fetch(`${home.url}/healthz`)
    expect(health.status).toBe(200)
    await home.close()
  })

  it('refuses to restore a file that is not a sound database', async () => {
    const bad = path.join(dir, 'not-a-database.sqlite')
    fs.writeFileSync(bad, 'this is not SQLite')
    await expect(restoreDatabase(bad, path.join(dir, 'target.sqlite'))).rejects.toThrow()
  })
})

describe('migrations', () => {
  it('applies what is missing, in order, recorded as wrangler records it', () => {
    const partial = fs.mkdtempSync(path.join(dir, 'migrations-'))
    const files = migrationFiles(MIGRATIONS)
    for (const f of files.slice(0, 2))
      fs.copyFileSync(path.join(MIGRATIONS, f), path.join(partial, f))
    const sqlite = new Database(':memory:')
    expect(applyMigrations(sqlite, partial)).toEqual(files.slice(0, 2))
    expect(applyMigrations(sqlite, MIGRATIONS)).toEqual(files.slice(2))
    expect(applyMigrations(sqlite, MIGRATIONS)).toEqual([])
    const rows = sqlite.prepare('SELECT id, name, applied_at FROM d1_migrations ORDER BY id').all()
    expect(rows.map((r) => (r as { name: string }).name)).toEqual(files)
    sqlite.close()
  })

  it('leaves nothing of a failing migration behind', () => {
    const broken = fs.mkdtempSync(path.join(dir, 'broken-'))
    fs.writeFileSync(path.join(broken, '0001_ok.sql'), 'CREATE TABLE a (x INTEGER);')
    fs.writeFileSync(
      path.join(broken, '0002_bad.sql'),
      'CREATE TABLE b (x INTEGER);\nINSERT INTO nowhere VALUES (1);',
    )
    const sqlite = new Database(':memory:')
    expect(() => applyMigrations(sqlite, broken)).toThrow(/0002_bad.sql/)
    const tables = sqlite
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
      .pluck()
      .all()
    expect(tables).toContain('a')
    expect(tables).not.toContain('b')
    expect(sqlite.prepare('SELECT name FROM d1_migrations').pluck().all()).toEqual(['0001_ok.sql'])
    sqlite.close()
  })
})

describe('settings', () => {
  it('reads wrangler.toml [vars] and crons, each var overridden by the environment', () => {
    const config = loadConfig({ SESSION_IDLE_MINUTES: '30', PORT: '9000' })
    expect(config.vars.SESSION_IDLE_MINUTES).toBe('30')
    expect(config.vars.SESSION_ABSOLUTE_MINUTES).toBe('1440')
    expect(config.vars.CLIENT_ADDRESS).toBe(NODE_CLIENT_ADDRESS)
    expect(loadConfig({ CLIENT_ADDRESS: 'forwarded:1' }).vars.CLIENT_ADDRESS).toBe('forwarded:1')
    expect(config.crons).toEqual(['*/10 * * * *'])
    expect(config.port).toBe(9000)
    expect(config.assets?.runWorkerFirst).toEqual(['/*', '!/admin/*'])
  })

  it('parses _headers rules and routing patterns as Workers does', () => {
    const rules = parseHeaders('/admin/*\n  X-A: 1\n  ! X-B\n# comment\n/p/:id\n  X-Id: :id\n')
    expect(rules).toHaveLength(2)
    expect(rules[0].set).toEqual([['X-A', '1']])
    expect(rules[0].unset).toEqual(['X-B'])
    expect(patternRegExp('/admin/*').test('/admin/assets/a.js')).toBe(true)
    expect(patternRegExp('/admin/*').test('/admin')).toBe(false)
    expect(patternRegExp('/p/:id').exec('/p/42')?.groups?.id).toBe('42')
  })
})
