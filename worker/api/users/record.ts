import { z } from 'zod'
import type { AppEnv } from '../../env'
import { users } from '../../db/schema'
import { ROLES, type Role } from '../../domain/vocabulary'
import { missingScopeIds, toUserRecord, userFields, type UserRecord } from '../../db/queries/users'
import { versionedRecords } from '../../lib/crud'
import { type FieldErrors, validationError } from '../../lib/errors'
import { usersVisibleTo } from '../../lib/scope'

// What the users API's operations share: the fields staff edit, the account as the API shows it
// (never a password field), and the scope a role needs.

const idList = z.array(z.number().int().positive()).max(500)
export const editable = {
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
export const password = z.string().min(10, '密码至少 10 个字符').max(200)

export const messages = { unique: { username: '用户名已被使用' } }

/** A partner login belongs to an organisation: /api/partners/:id/logins makes it with the link. */
export const PARTNER_LOGIN_ELSEWHERE = '共建单位的账号请在「共建单位」里开设，账号会归属到那个单位'

export const userRecords = versionedRecords({
  resource: 'users',
  table: users,
  fields: userFields,
  scope: usersVisibleTo,
  notFound: '账号不存在',
  messages,
  show: toUserRecord,
})

export const loadUser = async (v: AppEnv['Variables'], id: number): Promise<UserRecord> =>
  toUserRecord(await userRecords.load(v, id))

/** Only the scope a role uses is stored: towns for `town`, neighborhoods for staff and viewers. */
const scopeForRole = (role: Role, townIds: number[], neighborhoodIds: number[]) => ({
  townIds: role === 'town' ? [...new Set(townIds)] : [],
  neighborhoodIds: role === 'staff' || role === 'viewer' ? [...new Set(neighborhoodIds)] : [],
})

/** The scope the role needs: town users name towns, staff and viewers neighborhoods. */
export const checkScope = async (
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

export const passwordIterations = (env: Env) => Number(env.PASSWORD_ITERATIONS) || undefined
