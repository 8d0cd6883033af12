// The forms engine, for every domain that asks staff-defined questions (surveys, activity
// registrations, needs forms). Store a definition validated by `fieldsSchema`; validate answers
// with `validateAnswers`; render with `<FormFields>` from worker/pages/forms/fields.tsx.
export { fieldsSchema, mergeVersions, type Answers, type Field } from './definition'
export { answersFromForm, validateAnswers } from './validator'
export { inputAttrs } from './html'
export { formatAnswers, maskAnswers } from './format'
export { formStats } from './stats'
