import { Hono } from 'hono'
import { eq, sql } from 'drizzle-orm'
import type { AppEnv } from '../../env'
import { userPartners, users } from '../../db/schema'
import { ApiError } from '../../lib/errors'
import { hashPassword } from '../../lib/password'
import { auditCreate, conflictsAs } from '../../lib/resource'
import { idParam, readJson } from '../../lib/validate'
import { loadPartnerInScope } from './record'
import { loginCreateSchema } from './schemas'

// /api/partners/:id/logins — a partner organisation's own logins (role `partner`): it sees the
// 需求清单, its own claims and the projects it joined, nothing else. Made and listed by admins
// and the coordinators of the partner's town; disabled or removed on the users screen.

const partnerForLogins = async (v: AppEnv['Variables'], id: number) => {
  const partner = await loadPartnerInScope(v, id)
  const { user } = v
  const may =
    user.role === 'admin' || (user.role === 'town' && user.townIds.includes(partner.townId))
  if (!may) throw new ApiError('forbidden', '共建单位账号由管理员或镇专班开设')
  return partner
}

export const partnerLogins = new Hono<AppEnv>()
  .get('/:id{[0-9]+}/logins', async (c) => {
    const partner = await partnerForLogins(c.var, idParam(c))
    const rows = await c.var.db
      .select({
        id: users.id,
        username: users.username,
        displayName: users.displayName,
        disabled: users.disabled,
        createdAt: users.createdAt,
      })
      .from(userPartners)
      .innerJoin(users, eq(users.id, userPartners.userId))
      .where(eq(userPartners.partnerId, partner.id))
      .orderBy(users.username)
    return c.json(rows)
  })
  .post('/:id{[0-9]+}/logins', async (c) => {
    const partner = await partnerForLogins(c.var, idParam(c))
    const input = await readJson(c, loginCreateSchema)
    const { db, user } = c.var
    const secret = await hashPassword(
      input.password,
      Number(c.env.PASSWORD_ITERATIONS) || undefined,
    )
    const now = Date.now()
    const values = {
      username: input.username,
      displayName: input.displayName,
      role: 'partner' as const,
      passwordHash: secret.hash,
      passwordSalt: secret.salt,
      passwordIterations: secret.iterations,
      disabled: false,
      createdAt: now,
      updatedAt: now,
    }
    const [[row]] = await conflictsAs(
      () =>
        db.batch([
          db.insert(users).values(values).returning({ id: users.id }),
          auditCreate(db, user, 'users', {
            username: values.username,
            displayName: values.displayName,
            role: values.role,
            partnerId: partner.id,
          }),
          db.insert(userPartners).values({
            userId: sql`(SELECT id FROM users WHERE username = ${values.username})`,
            partnerId: partner.id,
          }),
        ]),
      { unique: { username: '用户名已被使用' } },
    )
    return c.json(
      {
        id: row.id,
        username: values.username,
        displayName: values.displayName,
        disabled: false,
        createdAt: now,
      },
      201,
    )
  })
