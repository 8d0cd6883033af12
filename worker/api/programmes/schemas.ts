import { z } from 'zod'
import { POSTS } from '../../domain/vocabulary'

// Request bodies of the programme routes beyond the template itself (domain/programmes/template).

const id = (what: string) =>
  z
    .number({ message: `请选择${what}` })
    .int()
    .positive(`请选择${what}`)

/**
 * POST /api/programmes/:id/apply: the neighborhoods (or `all` of the programme's town) and, per
 * neighborhood, who holds which post (remembered for later applies).
 */
export const applySchema = z
  .object({
    neighborhoodIds: z
      .array(id('居民区'), { message: '应为居民区列表' })
      .max(500, '一次最多 500 个居民区')
      .optional(),
    all: z.boolean({ message: '应为是或否' }).optional(),
    owners: z
      .array(
        z.object({
          neighborhoodId: id('居民区'),
          post: z.enum(POSTS, { message: '岗位无效' }),
          userId: id('负责人'),
        }),
        { message: '应为负责人列表' },
      )
      .max(2500, '负责人太多')
      .optional(),
  })
  .refine((b) => b.all || (b.neighborhoodIds?.length ?? 0) > 0, {
    message: '请选择居民区',
    path: ['neighborhoodIds'],
  })
export type ApplyInput = z.infer<typeof applySchema>

/** POST /api/programmes/:id/add-missing-steps: optionally only some neighborhoods. */
export const addMissingSchema = z.object({
  neighborhoodIds: z.array(id('居民区'), { message: '应为居民区列表' }).max(500).optional(),
})
