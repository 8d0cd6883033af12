import { z } from 'zod'
import { savedTime } from '../dates'
import { EVIDENCE_KINDS, POSTS } from '../vocabulary'
import { DAY_MS, dayEnd, dayStart } from './days'

// A programme template (九个一): a name, a period of whole Shanghai days and an ordered list of
// steps. The rules:
// 1. The period runs from the first day's 00:00 to the last day's end; it is at least one day.
// 2. A step is due either a number of days after the programme's first day (relative) or on a
//    fixed day, never both; either way by the end of that day, and within the period.
// 3. A step says what counts as done (done_when) and which evidence staff record: a note, a photo
//    link or a number (evidence.ts checks it when staff mark the step done).
// 4. A step is owned by a post (书记, 主任, 社工 …); applying the programme gives each
//    neighborhood's item to whoever holds that post there.
// 5. Steps keep their order; at most STEPS_MAX.

export const STEPS_MAX = 30
/** The longest programme period: a typo guard. */
export const PERIOD_MAX_DAYS = 3 * 366

const text = (what: string, max: number) =>
  z
    .string({ message: `${what}应为文字` })
    .trim()
    .max(max, `${what}最多 ${max} 个字`)
const required = (what: string, max: number) =>
  z
    .string({ message: `请填写${what}` })
    .trim()
    .min(1, `请填写${what}`)
    .max(max, `${what}最多 ${max} 个字`)
const time = (what: string) => savedTime(`请选择${what}`, `${what}无效`)

export const stepSchema = z.object({
  /** An existing step, when a programme is edited. */
  id: z.number().int().positive().optional(),
  title: required('步骤名称', 100),
  doneWhen: text('完成标准', 500).default(''),
  evidence: z.enum(EVIDENCE_KINDS, { message: '请选择佐证方式' }),
  dueDays: z
    .number({ message: '应为天数' })
    .int('应为整数天')
    .min(0, '不能早于开始日')
    .max(PERIOD_MAX_DAYS, '天数太大')
    .nullable()
    .optional(),
  dueAt: time('截止日期').nullable().optional(),
  ownerPost: z.enum(POSTS, { message: '请选择负责岗位' }),
  public: z.boolean({ message: '应为是或否' }).default(true),
})
export type StepInput = z.infer<typeof stepSchema>

export const programmeSchema = z.object({
  townId: z.number({ message: '请选择镇' }).int().positive('请选择镇'),
  name: required('名称', 100),
  description: text('说明', 2000).default(''),
  owningBody: text('承办主体', 100).default(''),
  startsAt: time('开始日期'),
  endsAt: time('结束日期'),
  steps: z
    .array(stepSchema, { message: '应为步骤列表' })
    .min(1, '至少要有一个步骤')
    .max(STEPS_MAX, `最多 ${STEPS_MAX} 个步骤`),
})
export type ProgrammeInput = z.infer<typeof programmeSchema>

/** A programme's period as stored: the first day's start and the last day's end (rule 1). */
export const periodOf = (input: { startsAt: number; endsAt: number }) => ({
  startsAt: dayStart(input.startsAt),
  endsAt: dayEnd(input.endsAt),
})

/**
 * When a step is due, as epoch ms (rule 2): the end of the day `dueDays` after the programme's
 * first day, or the end of the fixed day.
 * @example stepDueAt({ dueDays: 0, dueAt: null }, start) === dayEnd(start)
 */
export const stepDueAt = (
  step: { dueDays?: number | null; dueAt?: number | null },
  startsAt: number,
): number =>
  step.dueDays != null ? dayStart(startsAt) + (step.dueDays + 1) * DAY_MS - 1 : dayEnd(step.dueAt!)

/**
 * The field errors of a programme beyond its shape (rules 1, 2), keyed like the API's fields
 * (`steps.3.dueAt`); empty when it is sound.
 * @example programmeErrors(input) // { 'steps.0.dueDays': '截止日期超出项目周期' }
 */
export const programmeErrors = (input: ProgrammeInput): Record<string, string> => {
  const errors: Record<string, string> = {}
  const { startsAt, endsAt } = periodOf(input)
  if (endsAt <= startsAt) errors.endsAt = '结束日期应不早于开始日期'
  else if (endsAt - startsAt > PERIOD_MAX_DAYS * DAY_MS)
    errors.endsAt = `项目周期最长 ${PERIOD_MAX_DAYS} 天`
  input.steps.forEach((step, i) => {
    const relative = step.dueDays != null
    if (relative === (step.dueAt != null)) {
      errors[`steps.${i}.dueDays`] = '请填写开始后第几天，或选择固定截止日期（二选一）'
      return
    }
    const due = stepDueAt(step, startsAt)
    if (!errors.endsAt && (due < startsAt || due > endsAt))
      errors[`steps.${i}.${relative ? 'dueDays' : 'dueAt'}`] = '截止日期超出项目周期'
  })
  const ids = input.steps.flatMap((s) => (s.id ? [s.id] : []))
  if (new Set(ids).size !== ids.length) errors.steps = '步骤重复'
  return errors
}
