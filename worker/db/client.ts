import { drizzle } from 'drizzle-orm/d1'
import * as schema from './schema'
import type { Db } from '../env'

// drizzle() walks the whole schema each time it is called (a few per cent of a short request's
// CPU on the Node home); the handle holds no per-request state, so one per binding serves all.
const handles = new WeakMap<D1Database, Db>()

/** The drizzle handle over a D1 binding (made once per binding). */
export const createDb = (d1: D1Database): Db => {
  let db = handles.get(d1)
  if (!db) {
    db = drizzle(d1, { schema })
    handles.set(d1, db)
  }
  return db
}
