import { Hono } from 'hono'
import { eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { AppEnv } from '../../env'
import { batch } from '../../db/batch'
import { auditCreate } from '../../db/queries/audit'
import { replaceScopeStatements } from '../../db/queries/users'
import { users } from '../../db/schema'
import { requireRole } from '../../lib/auth'
import { validationError } from '../../lib/errors'
import { hashPassword } from '../../lib/password'
import { conflictsAs } from '../../lib/resource'
import { readJson } from '../../lib/validate'
import {
  checkScope,
  editable,
  loadUser,
  messages,
  PARTNER_LOGIN_ELSEWHERE,
  password,
  passwordIterations,
} from './record'

// POST /: a staff account with its scope (admins only).

const createSchema = z.object({
  ...editable,
  password,
  townIds: editable.townIds.default([]),
  neighborhoodIds: editable.neighborhoodIds.default([]),
  disabled: editable.disabled.default(false),
})

export const userCreateApi = new Hono<AppEnv>().post('/', requireRole('admin'), async (c) => {
  const { password, townIds, neighborhoodIds, ...input } = await readJson(c, createSchema)
  if (input.role === 'partner') throw validationError({ role: PARTNER_LOGIN_ELSEWHERE })
  const scope = await checkScope(c.var, input.role, { townIds, neighborhoodIds })
  const hash = await hashPassword(password, passwordIterations(c.env))
  const db = c.var.db
  const now = Date.now()
  const newId = sql`(SELECT id FROM users WHERE username = ${input.username})`
  await conflictsAs(
    () =>
      batch(db, [
        db.insert(users).values({
          ...input,
          passwordHash: hash.hash,
          passwordSalt: hash.salt,
          passwordIterations: hash.iterations,
          createdAt: now,
          updatedAt: now,
        }),
        auditCreate(db, c.var.user, 'users', { ...input, ...scope }),
        ...replaceScopeStatements(db, newId, scope),
      ]),
    messages,
  )
  const [{ id }] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.username, input.username))
  return c.json(await loadUser(c.var, id), 201)
})
