import { Hono } from 'hono'
import { eq } from 'drizzle-orm'
import type { AppEnv } from '../../env'
import { neighborhoods, users } from '../../db/schema'
import { scopeTouches } from '../../db/queries/users'
import { boolFilter, contains, idsFilter, inIds } from '../../lib/resource'
import { filterList } from '../../lib/simple-rest'
import { userRecords } from './record'

// GET / (accounts the caller may see, filtered by role, state and the scope they reach) and /:id.

const sortable = ['id', 'username', 'displayName', 'role', 'disabled', 'createdAt'] as const

export const usersListApi = new Hono<AppEnv>()
  .get(
    '/',
    userRecords.list({
      sortable,
      columns: Object.fromEntries(sortable.map((f) => [f, users[f]])),
      defaultSort: { field: 'username', order: 'ASC' },
      where: (q) => {
        const disabled = boolFilter(q.filter.disabled)
        const nbhdIds = idsFilter(q.filter.neighborhoodId)
        const townIds = idsFilter(q.filter.townId)
        return [
          inIds(users.id, idsFilter(q.filter.id)),
          inIds(users.role, filterList<string>(q.filter.role)),
          disabled === undefined ? undefined : eq(users.disabled, disabled),
          nbhdIds && scopeTouches(inIds(neighborhoods.id, nbhdIds)),
          townIds && scopeTouches(inIds(neighborhoods.townId, townIds)),
          contains(q.filter.q, users.username, users.displayName),
        ]
      },
    }),
  )
  .get('/:id', userRecords.read)
