import { z } from 'zod'
import { overCount, TALLY_MAX, type Tally } from './tally'

// The bodies of meeting writes as zod schemas, on the rules of tally.ts (which stays free of zod,
// so the admin can import the arithmetic without it).

const count = (what: string) =>
  z
    .number({ message: `请填写${what}人数` })
    .int(`${what}人数应为整数`)
    .min(0, `${what}人数不能为负`)
    .max(TALLY_MAX, `${what}人数不应超过 ${TALLY_MAX}`)

/** The four numbers of a tally (rule 1), to put in an object schema with other fields. */
export const tallyFields = {
  present: count('到会'),
  inFavour: count('赞成'),
  against: count('反对'),
  abstain: count('弃权'),
}

/**
 * Rule 2 as a zod refinement, reported on `present`.
 * @example z.object({ ...tallyFields, decision }).superRefine(refineTally)
 */
export const refineTally = (t: Tally, ctx: z.RefinementCtx) => {
  const message = overCount(t)
  if (message) ctx.addIssue({ code: 'custom', path: ['present'], message })
}

/** A tally as the API takes it. */
export const tallySchema = z.object(tallyFields).superRefine(refineTally)
