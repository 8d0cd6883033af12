import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildThreadScript } from '../../scripts/node/bundle.mjs'
import { SqliteD1Database } from '../../server/d1'
import {
  type DatabaseThread,
  readsHereWritesThere,
  startDatabaseThread,
} from '../../server/d1-thread'
import { openDatabase } from '../../server/database'

// The server's database thread (server/d1-thread.ts) as bundled: where statements run, what a
// failure leaves, and its life (it ends when idle, and a dead one is replaced). Its answers are
// compared with D1's in d1-shim.test.ts.

let script: string
let dir: string

beforeAll(async () => {
  script = await buildThreadScript()
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jushou-thread-'))
})
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

const open = (name: string, idleMs?: number) => {
  const file = path.join(dir, name)
  const sqlite = openDatabase(file)
  const lines: string[] = []
  const thread = startDatabaseThread(file, script, { log: (line) => lines.push(line), idleMs })
  return { sqlite, lines, thread, db: new SqliteD1Database(readsHereWritesThere(sqlite, thread)) }
}

/** How a call ended: 'ok', or its error's message. */
const outcome = (work: Promise<unknown>) =>
  work.then(
    () => 'ok',
    (err: Error) => err.message,
  )

/** A statement that keeps the thread busy for about `rows` / 10,000,000 seconds. */
const busy = (thread: DatabaseThread, rows: number) =>
  outcome(
    thread.run(
      `SELECT count(*) FROM (WITH RECURSIVE c(x) AS
        (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT ${rows}) SELECT x FROM c)`,
      [],
    ),
  )

const until = async (done: () => boolean, ms = 5_000) => {
  const deadline = Date.now() + ms
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
  return done()
}

describe('the database thread', () => {
  it('takes the writes; reads run on the caller’s connection and see them at once', async () => {
    const { thread, db } = open('rw.sqlite')
    try {
      expect(thread.running).toBeNull()
      await db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE)')
      expect(thread.running).not.toBeNull()
      const write = await db.prepare('INSERT INTO t (v) VALUES (?)').bind('甲').run()
      expect(write.meta).toMatchObject({ changes: 1, last_row_id: 1, changed_db: true })
      // With the thread gone, a read still answers, from here, and starts no thread.
      await thread.running!.terminate()
      expect(await until(() => thread.running === null)).toBe(true)
      const { results } = await db.prepare('SELECT id, v FROM t').all()
      expect(results).toEqual([{ id: 1, v: '甲' }])
      expect(thread.running).toBeNull()
    } finally {
      await thread.close()
    }
  })

  it('a failing batch leaves nothing, and fails with the words of the local engine', async () => {
    const { thread, db } = open('fail.sqlite')
    const local = new SqliteD1Database(openDatabase(':memory:'))
    try {
      for (const d of [db, local]) {
        await d.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE)')
        await d.prepare("INSERT INTO t (v) VALUES ('a')").run()
      }
      const failing = (d: SqliteD1Database) =>
        d
          .batch([
            d.prepare("INSERT INTO t (v) VALUES ('b')"),
            d.prepare("INSERT INTO t (v) VALUES ('a')"),
          ])
          .then(
            () => 'filed',
            (err: Error) => err.message,
          )
      const [there, here] = [await failing(db), await failing(local)]
      expect(there).toMatch(/^D1_ERROR: UNIQUE constraint failed: t\.v: SQLITE_CONSTRAINT/)
      expect(there).toBe(here)
      expect(await db.prepare('SELECT v FROM t ORDER BY v').raw()).toEqual([['a']])
    } finally {
      await thread.close()
    }
  })

  it('ends when idle; the next call starts another, with its settings and the bookmark going on', async () => {
    const { lines, thread, db } = open('idle.sqlite', 150)
    try {
      thread.autocheckpoint(0)
      const session = db.withSession('first-primary')
      await session.prepare('CREATE TABLE t (v)').run()
      const first = session.getBookmark()!
      expect(await until(() => thread.running === null)).toBe(true)
      await session.prepare('INSERT INTO t VALUES (1)').run()
      expect(session.getBookmark()!.localeCompare(first)).toBe(1)
      expect(await thread.pragma('wal_autocheckpoint')).toEqual([{ wal_autocheckpoint: 0 }])
      expect(lines.join('\n')).not.toContain('stopped')
    } finally {
      await thread.close()
    }
  })

  it('calls waiting when the thread dies fail and write nothing; the next call starts another', async () => {
    const { lines, thread, db } = open('dies.sqlite')
    try {
      await db.exec('CREATE TABLE t (v)')
      const worker = thread.running!
      // A long statement (~1 s), then a write queued behind it; the thread ends meanwhile.
      const long = busy(thread, 10_000_000)
      const queued = outcome(db.prepare('INSERT INTO t VALUES (?)').bind('queued').run())
      await new Promise((r) => setTimeout(r, 100))
      await worker.terminate()
      expect(await long).toBe('the database thread stopped')
      expect(await queued).toBe('D1_ERROR: the database thread stopped')
      expect(lines.join('\n')).toContain('the database thread stopped')
      await db.prepare('INSERT INTO t VALUES (?)').bind('after').run()
      expect(thread.running).not.toBe(worker)
      expect(await db.prepare('SELECT v FROM t').raw()).toEqual([['after']])
    } finally {
      await thread.close()
    }
  })
})

describe('group commit: calls waiting together share one commit', () => {
  it('each keeps its own outcome: a failing batch leaves nothing, the others are kept', async () => {
    const { sqlite, thread, db } = open('group.sqlite')
    try {
      await db.exec('CREATE TABLE t (v TEXT UNIQUE)')
      await db.prepare("INSERT INTO t VALUES ('taken')").run()
      // Everything copied into the file: the next commit starts the WAL over, and its frame
      // count afterwards is what the calls below wrote.
      const walFrames = () => (sqlite.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0].log
      walFrames()
      // A long statement first (~0.5 s): the calls sent meanwhile wait, and run as one group.
      const long = busy(thread, 5_000_000)
      const insert = (v: string) => db.prepare('INSERT INTO t VALUES (?)').bind(v)
      const results = await Promise.all([
        long,
        outcome(insert('a').run()),
        outcome(db.batch([insert('b'), insert('taken')])),
        outcome(insert('c').run()),
        outcome(insert('a').run()),
        outcome(db.batch([insert('d'), db.prepare('UPDATE t SET v = v')])),
      ])
      expect(results).toEqual([
        'ok',
        'ok',
        'D1_ERROR: UNIQUE constraint failed: t.v: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_UNIQUE)',
        'ok',
        'D1_ERROR: UNIQUE constraint failed: t.v: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_UNIQUE)',
        'ok',
      ])
      expect(await db.prepare('SELECT v FROM t ORDER BY v').raw()).toEqual([
        ['a'],
        ['c'],
        ['d'],
        ['taken'],
      ])
      // One commit: the table's page and its index's page, once (each commit of its own would
      // write both again: 6 frames or more for the three that changed something).
      expect(walFrames()).toBeLessThanOrEqual(3)
    } finally {
      await thread.close()
    }
  })
})
