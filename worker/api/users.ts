import { Hono } from 'hono'
import { and, count, eq, isNull, ne, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { AppEnv } from '../env'
import { batch, type Statement } from '../db/batch'
import { neighborhoods, sessions, users } from '../db/schema'
import { ROLES, type Role } from '../domain/vocabulary'
import {
  missingScopeIds,
  replaceScopeStatements,
  scopeTouches,
  toUserRecord,
  userFields,
  type UserRecord,
} from '../db/queries/users'
import { audit } from '../lib/audit'
import { requireRole, requireUser } from '../lib/auth'
import { ApiError, type FieldErrors, validationError } from '../lib/errors'
import { hashPassword } from '../lib/password'
import {
  auditCreate,
  boolFilter,
  conflictsAs,
  contains,
  idsFilter,
  inIds,
  orderOf,
} from '../lib/resource'
import { usersVisibleTo } from '../lib/scope'
import { filterList, parseListQuery, sendList } from '../lib/simple-rest'
import { idParam, readJson } from '../lib/validate'
import { assertVersion, readVersion, runVersioned, versioned, versionInput } from '../lib/versions'

const idList = z.array(z.number().int().positive()).max(500)
const editable = {
  username: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{3,64}$/, '用户名为 3–64 个字母、数字或 _ . -'),
  displayName: z.string().trim().min(1, '请填写姓名').max(60),
  role: z.enum(ROLES, { message: '角色无效' }),
  townIds: idList,
  neighborhoodIds: idList,
  disabled: z.boolean(),
}
const password = z.string().min(10, '密码至少 10 个字符').max(200)
const createSchema = z.object({
  ...editable,
  password,
  townIds: idList.default([]),
  neighborhoodIds: idList.default([]),
  disabled: editable.disabled.default(false),
})
// An empty password field from the edit form means "unchanged".
const updateSchema = z
  .object({
    ...editable,
    password: z.union([z.literal(''), z.null(), password]).optional(),
  })
  .partial()
  .extend(versionInput)

const sortable = ['id', 'username', 'displayName', 'role', 'disabled', 'createdAt'] as const
const columns = Object.fromEntries(sortable.map((f) => [f, users[f]]))
const adminOnly = requireRole('admin')
const messages = { unique: { username: '用户名已被使用' } }

const load = async (v: AppEnv['Variables'], id: number): Promise<UserRecord> => {
  const [row] = await v.db
    .select(userFields)
    .from(users)
    .where(and(eq(users.id, id), usersVisibleTo(v.user)))
  if (!row) throw new ApiError('not_found', '账号不存在')
  return toUserRecord(row)
}

/** The scope the role needs: town users name towns, staff and viewers neighborhoods. */
const checkScope = async (
  v: AppEnv['Variables'],
  role: UserRecord['role'],
  wanted: { townIds: number[]; neighborhoodIds: number[] },
) => {
  const scope = scopeForRole(role, wanted.townIds, wanted.neighborhoodIds)
  const errors: FieldErrors = {}
  if (role === 'town' && !scope.townIds.length) errors.townIds = '镇级账号至少要选一个镇/街道'
  if ((role === 'staff' || role === 'viewer') && !scope.neighborhoodIds.length)
    errors.neighborhoodIds = '至少要选一个居民区'
  const missing = await missingScopeIds(v.db, scope.townIds, scope.neighborhoodIds)
  if (missing.townIds.length) errors.townIds = `镇/街道不存在：${missing.townIds.join(', ')}`
  if (missing.neighborhoodIds.length)
    errors.neighborhoodIds = `居民区不存在：${missing.neighborhoodIds.join(', ')}`
  if (Object.keys(errors).length) throw validationError(errors)
  return scope
}

/** Only the scope a role uses is stored: towns for `town`, neighborhoods for staff and viewers. */
export const scopeForRole = (role: Role, townIds: number[], neighborhoodIds: number[]) => ({
  townIds: role === 'town' ? [...new Set(townIds)] : [],
  neighborhoodIds: role === 'staff' || role === 'viewer' ? [...new Set(neighborhoodIds)] : [],
})

const iterations = (env: Env) => Number(env.PASSWORD_ITERATIONS) || undefined

export const usersApi = new Hono<AppEnv>()
  .use(requireUser)
  .get('/', async (c) => {
    const q = parseListQuery(c, { sortable, defaultSort: { field: 'username', order: 'ASC' } })
    const db = c.var.db
    const disabled = boolFilter(q.filter.disabled)
    const nbhdIds = idsFilter(q.filter.neighborhoodId)
    const townIds = idsFilter(q.filter.townId)
    const where = and(
      usersVisibleTo(c.var.user),
      inIds(users.id, idsFilter(q.filter.id)),
      inIds(users.role, filterList<string>(q.filter.role)),
      disabled === undefined ? undefined : eq(users.disabled, disabled),
      nbhdIds && scopeTouches(inIds(neighborhoods.id, nbhdIds)),
      townIds && scopeTouches(inIds(neighborhoods.townId, townIds)),
      contains(q.filter.q, users.username, users.displayName),
    )
    const [rows, [{ n }]] = await batch(db, [
      db
        .select(userFields)
        .from(users)
        .where(where)
        .orderBy(...orderOf(q, columns, users.id))
        .limit(q.limit)
        .offset(q.offset),
      db.select({ n: count() }).from(users).where(where),
    ])
    return sendList(c, 'users', q, rows.map(toUserRecord), n)
  })
  .get('/:id', async (c) => c.json(await load(c.var, idParam(c))))
  .post('/', adminOnly, async (c) => {
    const { password, townIds, neighborhoodIds, ...input } = await readJson(c, createSchema)
    // A partner login belongs to an organisation: /api/partners/:id/logins makes it with the link.
    if (input.role === 'partner')
      throw validationError({ role: '共建单位的账号请在「共建单位」里开设，账号会归属到那个单位' })
    const scope = await checkScope(c.var, input.role, { townIds, neighborhoodIds })
    const hash = await hashPassword(password, iterations(c.env))
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
    return c.json(await load(c.var, id), 201)
  })
  .put('/:id', adminOnly, async (c) => {
    const me = c.var.user
    const before = await load(c.var, idParam(c))
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
      throw validationError({ role: '共建单位的账号请在「共建单位」里开设，账号会归属到那个单位' })
    const scopeChanged =
      input.role !== undefined || townIds !== undefined || neighborhoodIds !== undefined
    const scope = scopeChanged
      ? await checkScope(c.var, role, {
          townIds: townIds ?? before.townIds,
          neighborhoodIds: neighborhoodIds ?? before.neighborhoodIds,
        })
      : undefined
    const hash = newPassword ? await hashPassword(newPassword, iterations(c.env)) : undefined
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
    await conflictsAs(() => runVersioned(db, statements, () => load(c.var, before.id)), messages)
    return c.json(await load(c.var, before.id))
  })
  .delete('/:id', adminOnly, async (c) => {
    await load(c.var, idParam(c))
    throw new ApiError('conflict', '账号不能删除（操作记录要保留），请改为停用')
  })
