import { Hono } from 'hono'
import { and, eq, isNull, ne } from 'drizzle-orm'
import { z } from 'zod'
import type { AppEnv } from '../../env'
import type { Statement } from '../../db/batch'
import { replaceScopeStatements } from '../../db/queries/users'
import { sessions, users } from '../../db/schema'
import { audit } from '../../lib/audit'
import { requireRole } from '../../lib/auth'
import { ApiError, type FieldErrors, validationError } from '../../lib/errors'
import { hashPassword } from '../../lib/password'
import { conflictsAs } from '../../lib/resource'
import { idParam, readJson } from '../../lib/validate'
import {
  assertVersion,
  readVersion,
  runVersioned,
  versioned,
  versionInput,
} from '../../lib/versions'
import {
  checkScope,
  editable,
  loadUser,
  messages,
  PARTNER_LOGIN_ELSEWHERE,
  password,
  passwordIterations,
} from './record'

// PUT /:id (admins): fields, role and scope, disabling, a password reset; disabling or a reset
// signs the account out everywhere. DELETE /:id is refused: accounts are disabled, not deleted.

// An empty password field from the edit form means "unchanged".
const updateSchema = z
  .object({
    ...editable,
    password: z.union([z.literal(''), z.null(), password]).optional(),
  })
  .partial()
  .extend(versionInput)

const adminOnly = requireRole('admin')

export const userUpdateApi = new Hono<AppEnv>()
  .put('/:id', adminOnly, async (c) => {
    const me = c.var.user
    const before = await loadUser(c.var, idParam(c))
    const {
      password: newPassword,
      townIds,
      neighborhoodIds,
      version,
      ...input
    } = await readJson(c, updateSchema)
    assertVersion(before, readVersion(c, version))
    if (before.id === me.id) {
      const errors: FieldErrors = {}
      if (input.disabled) errors.disabled = '不能停用自己的账号'
      if (input.role && input.role !== 'admin') errors.role = '不能降低自己的权限'
      if (Object.keys(errors).length) throw validationError(errors)
    }
    const role = input.role ?? before.role
    if (role === 'partner' && before.role !== 'partner')
      throw validationError({ role: PARTNER_LOGIN_ELSEWHERE })
    const scopeChanged =
      input.role !== undefined || townIds !== undefined || neighborhoodIds !== undefined
    const scope = scopeChanged
      ? await checkScope(c.var, role, {
          townIds: townIds ?? before.townIds,
          neighborhoodIds: neighborhoodIds ?? before.neighborhoodIds,
        })
      : undefined
    const hash = newPassword
      ? await hashPassword(newPassword, passwordIterations(c.env))
      : undefined
    const db = c.var.db
    const now = Date.now()
    const disabling = input.disabled === true && !before.disabled
    const v = versioned(db, users, before.id, before.version)
    const statements: Statement[] = [
      v.guard,
      db
        .update(users)
        .set({
          ...input,
          ...(hash && {
            passwordHash: hash.hash,
            passwordSalt: hash.salt,
            passwordIterations: hash.iterations,
          }),
          updatedAt: now,
          ...v.set,
        })
        .where(v.where),
      audit(db, me, {
        action: disabling ? 'disable' : 'update',
        resource: 'users',
        recordId: before.id,
        before,
        after: { ...input, ...scope, ...(hash && { passwordReset: true }) },
      }),
    ]
    if (scope) statements.push(...replaceScopeStatements(db, before.id, scope))
    // A disabled account, or one whose password was reset, is signed out everywhere
    // (an admin resetting their own password keeps this session).
    if (disabling || hash)
      statements.push(
        db
          .update(sessions)
          .set({ revokedAt: now })
          .where(
            and(
              eq(sessions.userId, before.id),
              isNull(sessions.revokedAt),
              ne(sessions.id, me.sessionId),
            ),
          ),
      )
    await conflictsAs(
      () => runVersioned(db, statements, () => loadUser(c.var, before.id)),
      messages,
    )
    return c.json(await loadUser(c.var, before.id))
  })
  .delete('/:id', adminOnly, async (c) => {
    await loadUser(c.var, idParam(c))
    throw new ApiError('conflict', '账号不能删除（操作记录要保留），请改为停用')
  })
