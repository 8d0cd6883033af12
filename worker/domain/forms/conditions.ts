import type { Answers, Condition, Field } from './definition'
import type { Lang } from '../vocabulary'
import { formMessage } from './messages'

/**
 * Whether a field with this condition is shown, given the answers so far. A field whose
 * condition refers to an unanswered (or itself hidden) question is hidden.
 * @example conditionHolds({ field: 'q1', op: 'equals', value: '是' }, { q1: '是' }) // true
 */
export const conditionHolds = (condition: Condition, answers: Answers) => {
  const answer = answers[condition.field]
  if (answer === undefined) return false
  return Array.isArray(answer)
    ? answer.includes(condition.value)
    : String(answer) === condition.value
}

/** The condition in words, shown beside a conditional field when JavaScript is off. */
export const describeCondition = (condition: Condition, fields: Field[], lang: Lang = 'zh') => {
  const label = fields.find((f) => f.key === condition.field)?.label ?? condition.field
  return formMessage(
    lang,
    condition.op === 'includes' ? 'condition.includes' : 'condition.equals',
    {
      label,
      value: condition.value,
    },
  )
}
