// The database thread's script (server/d1-thread.ts starts it): one connection to the file,
// opened with the server's settings, answering one request at a time. scripts/node/bundle.mjs
// bundles it (better-sqlite3 loaded by the path the server resolved) into the server's bundle.
import { parentPort, workerData } from 'node:worker_threads'
import { Engine, d1Message } from './d1-engine'
import type { ThreadReply, ThreadRequest } from './d1-thread'
import { openDatabase } from './database'

const engine = new Engine(openDatabase(workerData.file as string))
const port = parentPort!
// The checkpoint thread's setting (server/checkpoint.ts), for a connection opened after it.
if (workerData.autocheckpoint !== null)
  engine.sqlite.pragma(`wal_autocheckpoint = ${Number(workerData.autocheckpoint)}`)

const perform = (request: ThreadRequest): unknown => {
  switch (request.op) {
    case 'run':
      return engine.run(request.sql, request.values)
    case 'batch':
      return engine.batch(request.list)
    case 'exec':
      return engine.exec(request.lines)
    case 'dump':
      return engine.dump()
    case 'pragma':
      return engine.sqlite.pragma(request.source)
    case 'close':
      engine.sqlite.close()
      return undefined
  }
}

port.on('message', (request: ThreadRequest) => {
  let reply: ThreadReply
  try {
    reply = { id: request.id, commits: engine.commits, ok: true, result: perform(request) }
    reply.commits = engine.commits
  } catch (err) {
    reply = { id: request.id, commits: engine.commits, ok: false, message: d1Message(err) }
  }
  if (request.id >= 0) port.postMessage(reply)
  if (request.op === 'close') port.close()
})
