import { BUILDING_PART_MAX, HIDDEN_MAX, LONGTEXT_MAX, TEXT_MAX, type Field } from './definition'
import type { Lang } from '../vocabulary'
import { formMessage } from './messages'
import { PHONE_INPUT_PATTERN } from './validator'

// The HTML5 constraints that mirror the validator, so the browser refuses what the server would
// (before a round trip) and the server stays the authority. Multiple-choice pick counts have no
// HTML equivalent; the help text states them.

export type InputAttrs = {
  type?: string
  required?: boolean
  min?: string
  max?: string
  step?: string
  maxlength?: number
  pattern?: string
  inputmode?: 'numeric' | 'decimal' | 'tel' | 'text'
  autocomplete?: string
}

/**
 * The attributes of a field's input (for choice fields: of each radio / checkbox). A conditional
 * field is never `required` in HTML: with JavaScript off it is shown even when it does not apply.
 * For a building field, `part` picks the building or the room input.
 * @example inputAttrs({ type: 'phone', key: 'tel', label: '手机', required: true }) // { type: 'tel', pattern, … }
 */
export const inputAttrs = (field: Field, part?: 'building' | 'room'): InputAttrs => {
  const required = field.required && !field.condition ? true : undefined
  switch (field.type) {
    case 'text':
      return { type: 'text', required, maxlength: field.maxLength ?? TEXT_MAX }
    case 'longtext':
      return { required, maxlength: field.maxLength ?? LONGTEXT_MAX }
    case 'number':
      return {
        type: 'number',
        required,
        min: field.min === undefined ? undefined : String(field.min),
        max: field.max === undefined ? undefined : String(field.max),
        step: field.integer ? '1' : 'any',
        inputmode: field.integer && (field.min ?? 0) >= 0 ? 'numeric' : 'decimal',
      }
    case 'phone':
      return {
        type: 'tel',
        required,
        pattern: PHONE_INPUT_PATTERN,
        maxlength: 20,
        inputmode: 'tel',
        autocomplete: 'tel',
      }
    case 'date':
      return { type: 'date', required, min: field.min, max: field.max }
    case 'building':
      return {
        type: 'text',
        required,
        maxlength: BUILDING_PART_MAX,
        autocomplete: part === 'room' ? 'off' : undefined,
      }
    case 'single':
    case 'rating':
      return { type: 'radio', required }
    case 'multiple':
      return { type: 'checkbox' }
    case 'consent':
      return { type: 'checkbox', required }
    case 'hidden':
      return { type: 'hidden', maxlength: HIDDEN_MAX }
  }
}

/** The rule a multiple-choice or number field states in its hint, as the browser cannot show it. */
export const ruleHint = (field: Field, lang: Lang = 'zh') => {
  if (field.type === 'multiple') {
    const { minPicks: lo, maxPicks: hi } = field
    if (lo && hi) return formMessage(lang, 'hint.picks_between', { lo, hi })
    if (hi) return formMessage(lang, 'hint.picks_max', { n: hi })
    if (lo) return formMessage(lang, 'hint.picks_min', { n: lo })
    return formMessage(lang, 'hint.picks_any')
  }
  if (field.type === 'number' && (field.min !== undefined || field.max !== undefined)) {
    if (field.min !== undefined && field.max !== undefined) return `${field.min}–${field.max}`
    return field.min !== undefined ? `≥ ${field.min}` : `≤ ${field.max}`
  }
  if (field.type === 'rating') return formMessage(lang, 'hint.rating', { n: field.scale })
  return undefined
}
