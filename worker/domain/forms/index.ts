// The forms engine, for every domain that asks staff-defined questions (surveys, activity
// registrations, needs forms). Store a definition validated by `fieldsSchema`; validate answers
// with `validateAnswers`; render with `<FormFields>` from worker/pages/forms/fields.tsx.
export {
  FIELD_TYPES,
  fieldsSchema,
  mergeVersions,
  phoneKeyOf,
  type Answer,
  type Answers,
  type Condition,
  type Field,
  type FieldType,
} from './definition'
export {
  answersFromForm,
  compileAnswers,
  fieldSchema,
  validateAnswers,
  visibleKeys,
  type AnswerResult,
} from './validator'
export { conditionHolds, describeCondition } from './conditions'
export { inputAttrs, ruleHint } from './html'
export { formatAnswer, formatAnswers, maskAnswers } from './format'
export { formStats, type FormStats, type QuestionStats } from './stats'
export { availability, type FormAvailability } from './state'
export type { Lang } from '../vocabulary'
